import CertCentral
import Foundation
import XCTest

/// Records, JSON conversion and local validation.
final class ModelTests: XCTestCase {
    func seedJSON() throws -> String {
        let csr = try Support.fixture("csr/rsa2048.pem").replacingOccurrences(of: "\n", with: "\\n")
        return try Support.fixture("seed/python_payload.json")
            .replacingOccurrences(of: "\"<csr>\"", with: "\"\(csr)\"")
    }

    func testOrderFromAndToJson() throws {
        let order = try orderFromJson(json: try seedJSON())
        XCTAssertEqual(order.certificate.commonName, "example.com")
        XCTAssertEqual(order.certificate.dnsNames, ["example2.com", "example3.com"])
        XCTAssertEqual(order.autoRenew, 1)
        XCTAssertEqual(order.validityYears, 2)
        XCTAssertEqual(order.organization.id, 123456)
        XCTAssertEqual(order.organization.contacts?.count, 2)
        XCTAssertEqual(order.organization.contacts?.first?.userId, 565611)
        let json = try orderToJson(order: order)
        XCTAssertFalse(json.contains("null"), json)
        XCTAssertEqual(try orderFromJson(json: json), order)
    }

    func testShapeErrorsNameTheirPath() throws {
        do {
            _ = try orderFromJson(json: #"{"certificate": {"common_name": 5}}"#)
            XCTFail("expected a Validation error")
        } catch let CertCentralError.Validation(violations) {
            XCTAssertTrue(violations.contains { $0.path == "certificate.common_name" && $0.code == "invalid_type" }, "\(violations)")
        }
    }

    func testValidateTypedOrders() throws {
        let report = try validateOrder(order: try orderFromJson(json: try seedJSON()), product: "ssl_securesite_pro")
        XCTAssertEqual(report.warnings.map { "\($0.path) \($0.code)" }.sorted(), [
            "certificate.csr csr_name_not_in_order", "certificate.csr csr_name_not_in_order",
            "certificate.organization_units deprecated_field",
        ])
        let base = try Support.order()
        do {
            _ = try validateOrder(order: Order(certificate: base.certificate, organization: base.organization, validityYears: -1),
                                  product: "ssl_securesite_pro")
            XCTFail("expected a Validation error")
        } catch let CertCentralError.Validation(violations) {
            XCTAssertEqual(violations.map { "\($0.path) \($0.code)" }, ["validity_years out_of_range"])
        }
    }

    func testValidateJsonGivesTheFullVerdict() throws {
        let verdict = try validateOrderJson(orderJson: try orderToJson(order: try Support.order()),
                                            product: "ssl_securesite_pro", today: "2026-11-28")
        XCTAssertEqual(verdict, Verdict(valid: true, violations: [], warnings: []))
        let bad = try validateOrderJson(orderJson: "[]", product: "ssl_securesite_pro")
        XCTAssertFalse(bad.valid)
        XCTAssertEqual(bad.violations.map { "\($0.path)|\($0.code)" }, ["|invalid_type"])
        XCTAssertThrowsError(try validateOrderJson(orderJson: "{}", product: "ssl_basic", today: "28.11.2026"))
    }

    func testStatusEnums() {
        let other = OrderStatus.other(value: "awaiting_magic")
        XCTAssertFalse(other.isFinal())
        XCTAssertEqual(other.wireValue(), "awaiting_magic")
        XCTAssertTrue(OrderStatus.revoked.isFinal())
        XCTAssertEqual(OrderStatus.needsApproval.wireValue(), "needs_approval")
        XCTAssertEqual(RequestStatus.submitted.wireValue(), "submitted")
        XCTAssertFalse(libraryVersion().isEmpty)
    }
}
