package org.certcentral

import java.io.File
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** Records, JSON conversion, local validation and the packaging of the native library. */
class ModelTest {
    private val seedJson: String
        get() = File(Support.fixturesDir, "seed/python_payload.json").readText()
            .replace("\"<csr>\"", "\"" + Support.csr.replace("\n", "\\n") + "\"")

    @Test
    fun orderFromAndToJson() {
        val order = orderFromJson(seedJson)
        assertEquals("example.com", order.certificate.commonName)
        assertEquals(listOf("example2.com", "example3.com"), order.certificate.dnsNames)
        assertEquals(1, order.autoRenew)
        assertEquals(2, order.validityYears)
        assertEquals(123456L, order.organization.id)
        assertEquals(2, order.organization.contacts?.size)
        assertEquals(565611L, order.organization.contacts?.get(0)?.userId)
        val json = orderToJson(order)
        assertFalse(json.contains("null"), json)
        assertEquals(order, orderFromJson(json))
        // data classes: immutable, structural equality, copy
        assertEquals(order, order.copy())
        assertFalse(order == order.copy(validityYears = 1))
    }

    @Test
    fun shapeErrorsNameTheirPath() {
        val e = assertThrows<CertCentralException.Validation> { orderFromJson("""{"certificate": {"common_name": 5}}""") }
        assertTrue(e.violations.any { it.path == "certificate.common_name" && it.code == "invalid_type" }, e.violations.toString())
        val notJson = assertThrows<CertCentralException.Validation> { orderFromJson("{") }
        assertEquals("invalid_type", notJson.violations.single().code)
    }

    @Test
    fun validateTypedOrders() {
        val report = validateOrder(orderFromJson(seedJson), "ssl_securesite_pro")
        assertEquals(
            listOf("certificate.csr" to "csr_name_not_in_order", "certificate.csr" to "csr_name_not_in_order",
                "certificate.organization_units" to "deprecated_field"),
            report.warnings.map { it.path to it.code }.sortedBy { it.first },
        )
        // Java-friendly signed numbers: a negative value is the core's out_of_range, at its path.
        val e = assertThrows<CertCentralException.Validation> {
            validateOrder(Support.order().copy(validityYears = -1), "ssl_securesite_pro")
        }
        assertEquals(listOf("validity_years" to "out_of_range"), e.violations.map { it.path to it.code })
    }

    @Test
    fun validateJsonGivesTheFullVerdict() {
        val verdict = validateOrderJson(orderToJson(Support.order()), "ssl_securesite_pro", "2026-11-28")
        assertEquals(Verdict(valid = true, violations = emptyList(), warnings = emptyList()), verdict)
        val bad = validateOrderJson("[]", "ssl_securesite_pro")
        assertFalse(bad.valid)
        assertEquals(listOf("" to "invalid_type"), bad.violations.map { it.path to it.code })
        assertThrows<CertCentralException.Config> { validateOrderJson("{}", "ssl_basic", "28.11.2026") }
    }

    @Test
    fun statusEnums() {
        val other = OrderStatus.Other("awaiting_magic")
        assertFalse(other.isFinal())
        assertEquals("awaiting_magic", other.wireValue())
        assertTrue(OrderStatus.Revoked.isFinal())
        assertEquals("needs_approval", OrderStatus.NeedsApproval.wireValue())
        assertEquals("submitted", RequestStatus.Submitted.wireValue())
        assertTrue(libraryVersion().matches(Regex("""\d+\.\d+\.\d+.*""")))
    }

    @Test
    fun nativeLibraryIsOnTheClasspath() {
        // JNA loads it from here (inside the jar once packaged): no jna.library.path needed.
        assertNotNull(javaClass.classLoader.getResource("linux-x86-64/libcertcentral_uniffi.so"))
        assertEquals(null, System.getProperty("jna.library.path"))
    }
}
