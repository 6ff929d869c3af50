package org.certcentral

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.fail

/** The whole order lifecycle against the sandbox: submit, approve, wait, download, chain. */
class LifecycleTest {
    private val product = "ssl_securesite_pro"

    @Test
    fun submitApproveWaitDownload() {
        Support.client().use { client ->
            val commonName = Support.uniqueName("life")
            val order = Support.order(commonName)
            // Valid; the CSR's own names are not all in the order: warnings, not violations.
            val report = validateOrder(order, product)
            assertTrue(report.warnings.all { it.code == "csr_name_not_in_order" }, report.toString())

            val submitted = client.submitOrder(product, order)
            assertTrue(submitted.id > 0)
            assertEquals(1, submitted.requests.size, submitted.toString())
            val request = submitted.requests[0]
            assertEquals(RequestStatus.Pending, request.status)

            val pending = client.orderInfo(submitted.id)
            assertEquals(submitted.id, pending.id)
            assertEquals(OrderStatus.NeedsApproval, pending.status)
            assertFalse(pending.status.isFinal())
            assertEquals(commonName, pending.certificate?.commonName)
            assertTrue(pending.rawJson.contains("\"id\""))

            client.updateRequestStatus(request.id, RequestDecision.APPROVED, "approved by the Kotlin tests")
            val issued = client.waitForIssuance(submitted.id, timeoutMs = 60_000, pollIntervalMs = 100)
            assertEquals(OrderStatus.Issued, issued.status)
            assertTrue(issued.status.isFinal())
            assertEquals("issued", issued.status.wireValue())
            val certificateId = issued.certificate?.id ?: fail("issued order without a certificate id: $issued")

            val chain = client.downloadChain(certificateId)
            assertEquals(commonName, chain.leaf.subjectCommonName)
            assertTrue(commonName in chain.leaf.dnsNames, chain.leaf.dnsNames.toString())
            assertFalse(chain.leaf.isCa)
            assertTrue(chain.intermediates.isNotEmpty())
            assertTrue(chain.intermediates.all { it.isCa })
            assertEquals(chain.intermediates[0].subjectCommonName, chain.leaf.issuerCommonName)
            val root = chain.root ?: fail("the chain has no root")
            assertTrue(root.selfIssued && root.isCa)

            val pem = client.downloadCertificate(certificateId).decodeToString()
            val blocks = Regex("-----BEGIN CERTIFICATE-----").findAll(pem).count()
            assertEquals(1 + chain.intermediates.size + 1, blocks, pem)
            val der = client.downloadCertificate(certificateId, "pem_all")
            assertTrue(der.isNotEmpty())
        }
    }

    @Test
    fun submitJsonAndReject() {
        Support.client().use { client ->
            val commonName = Support.uniqueName("json")
            val json = orderToJson(Support.order(commonName))
            val submitted = client.submitOrderJson(product, json)
            client.updateRequestStatus(submitted.requests[0].id, RequestDecision.REJECTED)
            val info = client.waitForIssuance(submitted.id, timeoutMs = 30_000, pollIntervalMs = 100)
            assertEquals(OrderStatus.Rejected, info.status)
            val found = client.findRecentOrders(commonName, System.currentTimeMillis() / 1000 - 600)
            assertEquals(listOf(submitted.id), found.map { it.id })
        }
    }
}
