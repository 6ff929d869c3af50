package org.certcentral

import java.net.ServerSocket
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * Every CertCentralException variant, produced by the real sandbox (faults injected through its
 * control API where a real server misbehaves), with its fields and the core's message.
 */
class ErrorsTest {
    private val product = "ssl_securesite_pro"

    @AfterEach
    fun noFaultLeft() = Support.clearFaults()

    /** `message` is the Rust Display text, the same as `toString()`, never uniffi's `field=…` list. */
    private fun assertMessage(e: CertCentralException, vararg parts: String) {
        val message = e.message.orEmpty()
        assertEquals(e.toString(), message)
        assertFalse(message.isBlank())
        for (part in parts) assertTrue(message.contains(part), "'$part' not in: $message")
        assertFalse(message.startsWith("status=") || message.startsWith("detail=") || message.startsWith("violations="), message)
    }

    @Test
    fun wrongKeyIsAuthentication() {
        Support.client(key = "cc-wrong-key").use { client ->
            val e = assertThrows<CertCentralException.Authentication> { client.orderInfo(1) }
            assertEquals(403, e.status)
            assertEquals("access_denied|access_denied_invalid_key", e.errors[0].code)
            assertEquals("access_denied", e.errors[0].category)
            assertEquals("access_denied_invalid_key", e.errors[0].subcode)
            assertTrue(e.rawBody.contains("access_denied"))
            assertMessage(e, "authentication failed", "HTTP 403", "access_denied|access_denied_invalid_key")
        }
    }

    @Test
    fun unknownOrderIsNotFound() {
        Support.client().use { client ->
            val e = assertThrows<CertCentralException.NotFound> { client.orderInfo(987_654_321) }
            assertEquals(404, e.status)
            assertEquals("not_found", e.errors[0].category)
            assertMessage(e, "not found", "HTTP 404")
        }
    }

    @Test
    fun unknownProductIsNotFound() {
        Support.client().use { client ->
            // An unknown product gets the generic rules and is sent as given; the server refuses it.
            val e = assertThrows<CertCentralException.NotFound> { client.submitOrder("ssl_no_such_product", Support.order()) }
            assertEquals(404, e.status)
            assertTrue(e.errors.any { it.code.startsWith("not_found") }, e.errors.toString())
        }
    }

    @Test
    fun invalidOrderIsValidationAndNothingIsSent() {
        Support.client().use { client ->
            val commonName = Support.uniqueName("invalid")
            val base = Support.order(commonName)
            val order = base.copy(
                validityYears = 5,
                certificate = base.certificate.copy(dnsNames = base.certificate.dnsNames!! + "sub.example.com"),
            )
            val e = assertThrows<CertCentralException.Validation> { client.submitOrder(product, order) }
            assertEquals(
                listOf("certificate.dns_names[4]" to "duplicate_name", "validity_years" to "out_of_range"),
                e.violations.map { it.path to it.code }.sortedBy { it.first },
            )
            assertMessage(e, "the order is invalid (2 violations)", "validity_years", "certificate.dns_names[4]")
            assertEquals(emptyList<OrderSummary>(), client.findRecentOrders(commonName, 0))
        }
    }

    @Test
    fun refusedConnectionIsTransport() {
        val port = ServerSocket(0).use { it.localPort } // closed again: nothing listens there
        val config = ClientConfig(apiKey = ApiKey("k"), baseUrl = "http://127.0.0.1:$port/services/v2", maxRetries = 0)
        CertCentralClient(config).use { client ->
            val e = assertThrows<CertCentralException.Transport> { client.orderInfo(1) }
            assertMessage(e, "transport error")
        }
    }

    @Test
    fun badSettingsAreConfig() {
        val plainHttp = assertThrows<CertCentralException.Config> {
            CertCentralClient(ClientConfig(apiKey = ApiKey("k"), baseUrl = "http://example.com/services/v2"))
        }
        assertMessage(plainHttp, "configuration error", "plain HTTP")
        assertThrows<CertCentralException.Config> {
            CertCentralClient(ClientConfig(apiKey = ApiKey("k"), region = Region.EU, baseUrl = Support.sandboxUrl))
        }
        assertThrows<CertCentralException.Config> { CertCentralClient(ClientConfig(apiKey = ApiKey("  "))) }
        Support.client().use { client ->
            val e = assertThrows<CertCentralException.Config> { client.orderInfo(-1) }
            assertEquals("orderId must be positive, got -1", e.detail)
            // What uniffi would print is "detail=orderId must be positive, got -1".
            assertEquals("configuration error: orderId must be positive, got -1", e.message)
            assertThrows<CertCentralException.Config> { client.downloadCertificate(1, "../x") }
        }
    }

    @Test
    fun waitingTooLongIsTimeout() {
        Support.client().use { client ->
            val submitted = client.submitOrder(product, Support.order(Support.uniqueName("timeout")))
            val e = assertThrows<CertCentralException.Timeout> {
                client.waitForIssuance(submitted.id, timeoutMs = 300, pollIntervalMs = 50)
            }
            assertMessage(e, "timed out", "needs_approval")
        }
    }

    @Test
    fun http429IsRateLimited() {
        Support.fault("""{"kind": "rate_limit", "retry_after": 2, "path_prefix": "/order/certificate", "method": "GET"}""")
        Support.client(maxRetries = 0).use { client ->
            val e = assertThrows<CertCentralException.RateLimited> { client.orderInfo(1) }
            assertEquals(429, e.status)
            assertEquals(2000L, e.retryAfterMs)
            assertTrue(e.errors.any { it.code == "request_limit_exceeded" }, e.errors.toString())
            assertMessage(e, "rate limited", "retry after 2.0 s")
        }
    }

    @Test
    fun serverErrorIsApi() {
        Support.fault("""{"kind": "status", "status": 500, "path_prefix": "/order/certificate", "method": "GET"}""")
        Support.client(maxRetries = 0).use { client ->
            val e = assertThrows<CertCentralException.Api> { client.orderInfo(1) }
            assertEquals(500, e.status)
            assertMessage(e, "HTTP 500")
        }
    }

    @Test
    fun malformedBodyIsDecode() {
        Support.client().use { client ->
            val submitted = client.submitOrder(product, Support.order(Support.uniqueName("decode")))
            Support.fault("""{"kind": "malformed_json", "path_prefix": "/order/certificate/${submitted.id}", "method": "GET"}""")
            val e = assertThrows<CertCentralException.Decode> { client.orderInfo(submitted.id) }
            assertTrue(e.rawBody.isNotEmpty())
            assertMessage(e, "could not decode the response")
        }
    }

    /**
     * The no-double-order guarantee: the sandbox takes the order, then drops the connection. The
     * client does not resend it; it reports OutcomeUnknown with what findRecentOrders needs to
     * learn that the order was placed — exactly once.
     */
    @Test
    fun lostAnswerIsOutcomeUnknownAndReconciles() {
        val commonName = Support.uniqueName("lost")
        Support.fault("""{"kind": "drop_after_body", "path_prefix": "/order/certificate", "method": "POST"}""")
        Support.client(maxRetries = 3).use { client ->
            val e = assertThrows<CertCentralException.OutcomeUnknown> {
                client.submitOrder(product, Support.order(commonName))
            }
            assertEquals(product, e.product)
            assertEquals(commonName, e.commonName)
            val now = System.currentTimeMillis() / 1000
            assertTrue(e.sentAtUnix in now - 60..now, "sentAtUnix=${e.sentAtUnix}")
            assertMessage(e, commonName, "find_recent_orders")

            val found = client.findRecentOrders(e.commonName, e.sentAtUnix - 60)
            assertEquals(1, found.size, "the order was placed once: $found")
            assertEquals(commonName, found[0].certificate?.commonName)
        }
    }
}
