import CertCentral
import Foundation
import XCTest

/// Every CertCentralError case, produced by the real sandbox (faults injected through its
/// control API where a real server misbehaves), with its fields and the core's message.
final class ErrorTests: XCTestCase {
    let product = "ssl_securesite_pro"

    override func tearDownWithError() throws {
        try Support.clearFaults()
    }

    /// Calls `body`, which must throw a CertCentralError; returns it.
    func expectError<T>(_ body: () throws -> T, file: StaticString = #filePath, line: UInt = #line) throws -> CertCentralError {
        do {
            let value = try body()
            XCTFail("expected a CertCentralError, got \(value)", file: file, line: line)
        } catch let e as CertCentralError {
            return e
        }
        throw SetupError(description: "no error")
    }

    /// The message is the Rust Display text, the same through every Swift way of printing.
    func assertMessage(_ e: CertCentralError, _ parts: String..., file: StaticString = #filePath, line: UInt = #line) {
        let text = "\(e)"
        XCTAssertEqual(e.description, text, file: file, line: line)
        XCTAssertEqual(e.localizedDescription, text, file: file, line: line)
        XCTAssertEqual(String(describing: e), text, file: file, line: line)
        XCTAssertFalse(text.isEmpty, file: file, line: line)
        for part in parts {
            XCTAssertTrue(text.contains(part), "'\(part)' not in: \(text)", file: file, line: line)
        }
    }

    func testWrongKeyIsAuthentication() throws {
        let client = try Support.client(key: "cc-wrong-key")
        let e = try expectError { try client.orderInfo(orderId: 1) }
        guard case let .Authentication(status, errors, rawBody) = e else { return XCTFail("\(e)") }
        XCTAssertEqual(status, 403)
        XCTAssertEqual(errors.first?.code, "access_denied|access_denied_invalid_key")
        XCTAssertEqual(errors.first?.category, "access_denied")
        XCTAssertEqual(errors.first?.subcode, "access_denied_invalid_key")
        XCTAssertTrue(rawBody.contains("access_denied"))
        assertMessage(e, "authentication failed", "HTTP 403", "access_denied|access_denied_invalid_key")
    }

    func testUnknownOrderIsNotFound() throws {
        let client = try Support.client()
        let e = try expectError { try client.orderInfo(orderId: 987_654_321) }
        guard case let .NotFound(status, errors, _) = e else { return XCTFail("\(e)") }
        XCTAssertEqual(status, 404)
        XCTAssertEqual(errors.first?.category, "not_found")
        assertMessage(e, "not found", "HTTP 404")
    }

    func testUnknownProductIsNotFound() throws {
        let client = try Support.client()
        let order = try Support.order()
        let e = try expectError { try client.submitOrder(product: "ssl_no_such_product", order: order) }
        guard case let .NotFound(status, errors, _) = e else { return XCTFail("\(e)") }
        XCTAssertEqual(status, 404)
        XCTAssertTrue(errors.contains { $0.code.hasPrefix("not_found") }, "\(errors)")
    }

    func testInvalidOrderIsValidationAndNothingIsSent() throws {
        let client = try Support.client()
        let commonName = Support.uniqueName("invalid")
        let base = try Support.order(commonName: commonName)
        let certificate = Certificate(commonName: commonName, csr: base.certificate.csr,
                                      signatureHash: "sha256",
                                      dnsNames: (base.certificate.dnsNames ?? []) + ["sub.example.com"])
        let order = Order(certificate: certificate, organization: base.organization, validityYears: 5)
        let e = try expectError { try client.submitOrder(product: product, order: order) }
        guard case let .Validation(violations) = e else { return XCTFail("\(e)") }
        XCTAssertEqual(violations.map { "\($0.path) \($0.code)" }.sorted(),
                       ["certificate.dns_names[4] duplicate_name", "validity_years out_of_range"])
        assertMessage(e, "the order is invalid (2 violations)", "validity_years", "certificate.dns_names[4]")
        XCTAssertEqual(try client.findRecentOrders(commonName: commonName, sinceUnix: 0), [])
    }

    func testRefusedConnectionIsTransport() throws {
        // Port 9 (discard) on loopback: nothing listens there.
        let config = ClientConfig(apiKey: ApiKey(key: "k"), baseUrl: "http://127.0.0.1:9/services/v2", maxRetries: 0)
        let client = try CertCentralClient(config: config)
        let e = try expectError { try client.orderInfo(orderId: 1) }
        guard case .Transport = e else { return XCTFail("\(e)") }
        assertMessage(e, "transport error")
    }

    func testBadSettingsAreConfig() throws {
        let plain = try expectError {
            try CertCentralClient(config: ClientConfig(apiKey: ApiKey(key: "k"), baseUrl: "http://example.com/services/v2"))
        }
        guard case .Config = plain else { return XCTFail("\(plain)") }
        assertMessage(plain, "configuration error", "plain HTTP")
        let both = try expectError {
            try CertCentralClient(config: ClientConfig(apiKey: ApiKey(key: "k"), region: .eu, baseUrl: try Support.sandboxURL()))
        }
        guard case .Config = both else { return XCTFail("\(both)") }
        let client = try Support.client()
        let negative = try expectError { try client.orderInfo(orderId: -1) }
        guard case let .Config(detail) = negative else { return XCTFail("\(negative)") }
        XCTAssertEqual(detail, "orderId must be positive, got -1")
        // What uniffi alone would print is the case and its fields: `Config(detail: "…")`.
        XCTAssertEqual("\(negative)", "configuration error: orderId must be positive, got -1")
    }

    func testWaitingTooLongIsTimeout() throws {
        let client = try Support.client()
        let submitted = try client.submitOrder(product: product, order: try Support.order(commonName: Support.uniqueName("timeout")))
        let e = try expectError { try client.waitForIssuance(orderId: submitted.id, timeoutMs: 300, pollIntervalMs: 50) }
        guard case .Timeout = e else { return XCTFail("\(e)") }
        assertMessage(e, "timed out", "needs_approval")
    }

    func testHttp429IsRateLimited() throws {
        try Support.fault(#"{"kind": "rate_limit", "retry_after": 2, "path_prefix": "/order/certificate", "method": "GET"}"#)
        let client = try Support.client(maxRetries: 0)
        let e = try expectError { try client.orderInfo(orderId: 1) }
        guard case let .RateLimited(retryAfterMs, status, errors, _) = e else { return XCTFail("\(e)") }
        XCTAssertEqual(status, 429)
        XCTAssertEqual(retryAfterMs, 2000)
        XCTAssertTrue(errors.contains { $0.code == "request_limit_exceeded" }, "\(errors)")
        assertMessage(e, "rate limited", "retry after 2.0 s")
    }

    func testServerErrorIsApi() throws {
        try Support.fault(#"{"kind": "status", "status": 500, "path_prefix": "/order/certificate", "method": "GET"}"#)
        let client = try Support.client(maxRetries: 0)
        let e = try expectError { try client.orderInfo(orderId: 1) }
        guard case let .Api(status, _, _) = e else { return XCTFail("\(e)") }
        XCTAssertEqual(status, 500)
        assertMessage(e, "HTTP 500")
    }

    func testMalformedBodyIsDecode() throws {
        let client = try Support.client()
        let submitted = try client.submitOrder(product: product, order: try Support.order(commonName: Support.uniqueName("decode")))
        try Support.fault(#"{"kind": "malformed_json", "path_prefix": "/order/certificate/\#(submitted.id)", "method": "GET"}"#)
        let e = try expectError { try client.orderInfo(orderId: submitted.id) }
        guard case let .Decode(_, rawBody) = e else { return XCTFail("\(e)") }
        XCTAssertFalse(rawBody.isEmpty)
        assertMessage(e, "could not decode the response")
    }

    /// The no-double-order guarantee: the sandbox takes the order, then drops the connection.
    /// The client does not resend it; it reports OutcomeUnknown with what findRecentOrders
    /// needs to learn that the order was placed — exactly once.
    func testLostAnswerIsOutcomeUnknownAndReconciles() throws {
        let commonName = Support.uniqueName("lost")
        try Support.fault(#"{"kind": "drop_after_body", "path_prefix": "/order/certificate", "method": "POST"}"#)
        let client = try Support.client(maxRetries: 3)
        let order = try Support.order(commonName: commonName)
        let e = try expectError { try client.submitOrder(product: product, order: order) }
        guard case let .OutcomeUnknown(product, sentCommonName, sentAtUnix, _) = e else { return XCTFail("\(e)") }
        XCTAssertEqual(product, self.product)
        XCTAssertEqual(sentCommonName, commonName)
        let now = Int64(Date().timeIntervalSince1970)
        XCTAssertTrue((now - 60...now).contains(sentAtUnix), "sentAtUnix=\(sentAtUnix)")
        assertMessage(e, commonName, "find_recent_orders")

        let found = try client.findRecentOrders(commonName: sentCommonName, sinceUnix: sentAtUnix - 60)
        XCTAssertEqual(found.count, 1, "the order was placed once: \(found)")
        XCTAssertEqual(found.first?.certificate?.commonName, commonName)
    }
}
