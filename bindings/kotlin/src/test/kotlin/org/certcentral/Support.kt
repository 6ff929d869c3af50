package org.certcentral

import java.io.File
import java.net.HttpURLConnection
import java.net.URI

/**
 * What every test needs: the sandbox started for the run (`cargo xtask test` passes its URL and
 * key in CERTCENTRAL_SANDBOX_URL / CERTCENTRAL_SANDBOX_KEY), the repository's fixtures and
 * vectors, and a valid order.
 */
object Support {
    private fun env(name: String): String? = System.getenv(name)?.takeIf { it.isNotBlank() }

    /** `http://127.0.0.1:PORT/services/v2` */
    val sandboxUrl: String
        get() = env("CERTCENTRAL_SANDBOX_URL")
            ?: error("CERTCENTRAL_SANDBOX_URL is not set: run the tests with `cargo xtask test --only kotlin`")

    val sandboxKey: String
        get() = env("CERTCENTRAL_SANDBOX_KEY") ?: error("CERTCENTRAL_SANDBOX_KEY is not set")

    private val root: File
        get() = File(env("CERTCENTRAL_ROOT") ?: "../..")

    val vectorsDir: File
        get() = env("CERTCENTRAL_VECTORS_DIR")?.let(::File) ?: File(root, "tests/vectors")

    val fixturesDir: File
        get() = env("CERTCENTRAL_FIXTURES_DIR")?.let(::File) ?: File(root, "tests/fixtures")

    val csr: String by lazy { File(fixturesDir, "csr/rsa2048.pem").readText() }

    fun config(key: String = sandboxKey, maxRetries: Int = 0): ClientConfig =
        ClientConfig(apiKey = ApiKey(key), baseUrl = sandboxUrl, timeoutMs = 20_000, maxRetries = maxRetries)

    fun client(key: String = sandboxKey, maxRetries: Int = 0): CertCentralClient =
        CertCentralClient(config(key, maxRetries))

    /** A valid order for the sandbox: the names of rsa2048.pem, an existing organization. */
    fun order(commonName: String = "example.com", skipApproval: Boolean? = null): Order = Order(
        certificate = Certificate(
            commonName = commonName,
            csr = csr,
            signatureHash = "sha256",
            dnsNames = listOf("sub.example.com", "app.example.com", "example2.com", "example3.com"),
            serverPlatform = ServerPlatform(id = 2),
        ),
        organization = Organization(
            id = 123456,
            contacts = listOf(Contact(contactType = "organization_contact", userId = 565611)),
        ),
        validityYears = 1,
        skipApproval = skipApproval,
        paymentMethod = "balance",
    )

    /** A common name no other test uses, for findRecentOrders. */
    fun uniqueName(prefix: String): String =
        "$prefix-${System.nanoTime().toString(36)}.example.com"

    /** POSTs JSON to the sandbox's control API (`/__sandbox/...`), e.g. a fault. */
    fun control(path: String, json: String, method: String = "POST") {
        val url = sandboxUrl.replace(Regex("/services/v2/?$"), "/__sandbox") + path
        val conn = URI(url).toURL().openConnection() as HttpURLConnection
        try {
            conn.requestMethod = method
            if (json.isNotEmpty()) {
                conn.doOutput = true
                conn.setRequestProperty("Content-Type", "application/json")
                conn.outputStream.use { it.write(json.toByteArray()) }
            }
            val code = conn.responseCode
            check(code in 200..299) { "sandbox control $method $path: HTTP $code" }
        } finally {
            conn.disconnect()
        }
    }

    fun fault(json: String) = control("/faults", json)

    fun clearFaults() = control("/faults", "", method = "DELETE")
}
