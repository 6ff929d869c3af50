package org.certcentral

import java.util.UUID
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** The API key appears in no toString() of the key, the config, the client or any error. */
class SecretsTest {
    private val canary = "CANARY-KEY-" + UUID.randomUUID() // the prefix cargo xtask scans all output for

    private fun assertNoKey(what: String, text: String?) =
        assertFalse(text.orEmpty().contains(canary), "$what shows the API key: $text")

    @Test
    fun keyConfigAndClientNeverShowTheKey() {
        val key = ApiKey(canary)
        assertEquals("<redacted>", key.toString())
        val config = ClientConfig(apiKey = key, baseUrl = Support.sandboxUrl)
        assertNoKey("ClientConfig.toString()", config.toString())
        assertTrue(config.toString().contains("apiKey=<redacted>"), config.toString())
        CertCentralClient(config).use { client ->
            assertNoKey("CertCentralClient.toString()", client.toString())
            assertTrue(client.toString().contains(Support.sandboxUrl), client.toString())
        }
    }

    @Test
    fun errorsNeverShowTheKey() {
        // The canary is sent (and refused), so the errors had every chance to echo it.
        CertCentralClient(ClientConfig(apiKey = ApiKey(canary), baseUrl = Support.sandboxUrl, maxRetries = 0)).use { client ->
            val auth = assertThrows<CertCentralException.Authentication> { client.orderInfo(1) }
            val invalid = assertThrows<CertCentralException.Validation> {
                client.submitOrder("ssl_securesite_pro", Support.order().copy(validityYears = 9))
            }
            for (e in listOf<CertCentralException>(auth, invalid)) {
                assertNoKey("message", e.message)
                assertNoKey("toString()", e.toString())
                assertNoKey("stack trace", e.stackTraceToString())
            }
            assertNoKey("rawBody", auth.rawBody)
            assertNoKey("errors", auth.errors.toString())
        }
        val config = ClientConfig(apiKey = ApiKey(canary), baseUrl = "http://example.com/services/v2")
        val e = assertThrows<CertCentralException.Config> { CertCentralClient(config) }
        assertNoKey("Config error", e.toString())
    }
}
