import CertCentral
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A problem with the test setup itself (a missing variable or fixture): the test fails.
struct SetupError: Error, CustomStringConvertible {
    let description: String
}

/// What every test needs: the sandbox started for the run (`cargo xtask test` passes its URL
/// and key in CERTCENTRAL_SANDBOX_URL / CERTCENTRAL_SANDBOX_KEY), the fixtures and vectors
/// (CERTCENTRAL_FIXTURES_DIR / CERTCENTRAL_VECTORS_DIR), and a valid order.
enum Support {
    static func env(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw SetupError(description: "\(name) is not set: run the tests with `cargo xtask test --only swift`")
        }
        return value
    }

    static func sandboxURL() throws -> String { try env("CERTCENTRAL_SANDBOX_URL") }
    static func sandboxKey() throws -> String { try env("CERTCENTRAL_SANDBOX_KEY") }
    static func vectorsDir() throws -> URL { URL(fileURLWithPath: try env("CERTCENTRAL_VECTORS_DIR")) }
    static func fixturesDir() throws -> URL { URL(fileURLWithPath: try env("CERTCENTRAL_FIXTURES_DIR")) }

    static func fixture(_ path: String) throws -> String {
        try String(contentsOf: fixturesDir().appendingPathComponent(path), encoding: .utf8)
    }

    static func config(key: String? = nil, maxRetries: Int32 = 0) throws -> ClientConfig {
        ClientConfig(apiKey: ApiKey(key: try key ?? sandboxKey()), baseUrl: try sandboxURL(),
                     timeoutMs: 20_000, maxRetries: maxRetries)
    }

    static func client(key: String? = nil, maxRetries: Int32 = 0) throws -> CertCentralClient {
        try CertCentralClient(config: config(key: key, maxRetries: maxRetries))
    }

    /// A valid order for the sandbox: the names of rsa2048.pem, an existing organization.
    static func order(commonName: String = "example.com") throws -> Order {
        Order(
            certificate: Certificate(
                commonName: commonName,
                csr: try fixture("csr/rsa2048.pem"),
                signatureHash: "sha256",
                dnsNames: ["sub.example.com", "app.example.com", "example2.com", "example3.com"],
                serverPlatform: ServerPlatform(id: 2)
            ),
            organization: Organization(
                id: 123456,
                contacts: [Contact(contactType: "organization_contact", userId: 565611)]
            ),
            validityYears: 1,
            paymentMethod: "balance"
        )
    }

    /// A common name no other test uses, for findRecentOrders.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased()).example.com"
    }

    /// Sends JSON to the sandbox's control API (`/__sandbox/...`), e.g. a fault.
    static func control(_ path: String, json: String? = nil, method: String = "POST") throws {
        let base = try sandboxURL()
        guard let range = base.range(of: "/services/v2"), let url = URL(string: base[..<range.lowerBound] + "/__sandbox" + path) else {
            throw SetupError(description: "unexpected sandbox URL \(base)")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        /// Written by URLSession's queue before `done` is signalled, read after.
        final class Outcome: @unchecked Sendable {
            var status = 0
            var failure: Error?
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { _, response, error in
            outcome.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            outcome.failure = error
            done.signal()
        }.resume()
        done.wait()
        if let failure = outcome.failure { throw failure }
        guard (200..<300).contains(outcome.status) else {
            throw SetupError(description: "sandbox control \(method) \(path): HTTP \(outcome.status)")
        }
    }

    static func fault(_ json: String) throws { try control("/faults", json: json) }
    static func clearFaults() throws { try control("/faults", method: "DELETE") }
}
