import CertCentral
import Foundation
import XCTest

/// The API key appears in no description of the key, the config, the client or any error.
final class SecretTests: XCTestCase {
    let canary = "CANARY-KEY-\(UUID().uuidString)" // the prefix cargo xtask scans all output for

    func assertNoKey(_ what: String, _ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(text.contains(canary), "\(what) shows the API key: \(text)", file: file, line: line)
    }

    /// Every way Swift prints a value, including a full reflection dump.
    func printed<T>(_ value: T) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return ["\(value)", String(describing: value), String(reflecting: value), dumped]
    }

    func testKeyConfigAndClientNeverShowTheKey() throws {
        let key = ApiKey(key: canary)
        XCTAssertEqual(key.description, "<redacted>")
        XCTAssertEqual("\(key)", "<redacted>")
        let config = ClientConfig(apiKey: key, baseUrl: try Support.sandboxURL())
        for text in printed(key) + printed(config) {
            assertNoKey("ApiKey/ClientConfig", text)
        }
        XCTAssertTrue(String(describing: config).contains("<redacted>"), String(describing: config))
        let client = try CertCentralClient(config: config)
        for text in printed(client) {
            assertNoKey("CertCentralClient", text)
        }
        XCTAssertTrue("\(client)".contains(try Support.sandboxURL()), "\(client)")
    }

    func testErrorsNeverShowTheKey() throws {
        // The canary is sent (and refused), so the errors had every chance to echo it.
        let client = try CertCentralClient(config: ClientConfig(apiKey: ApiKey(key: canary), baseUrl: try Support.sandboxURL(), maxRetries: 0))
        var errors: [Error] = []
        do { _ = try client.orderInfo(orderId: 1) } catch { errors.append(error) }
        let base = try Support.order()
        do {
            _ = try client.submitOrder(product: "ssl_securesite_pro",
                                       order: Order(certificate: base.certificate, organization: base.organization, validityYears: 9))
        } catch { errors.append(error) }
        do {
            _ = try CertCentralClient(config: ClientConfig(apiKey: ApiKey(key: canary), baseUrl: "http://example.com/services/v2"))
        } catch { errors.append(error) }
        XCTAssertEqual(errors.count, 3)
        guard case .Authentication = errors[0] as? CertCentralError else { return XCTFail("\(errors[0])") }
        for error in errors {
            for text in printed(error) + [error.localizedDescription] {
                assertNoKey("error", text)
            }
        }
    }
}
