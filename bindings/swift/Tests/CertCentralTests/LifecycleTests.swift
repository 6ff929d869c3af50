import CertCentral
import Foundation
import XCTest

/// The whole order lifecycle against the sandbox: submit, approve, wait, download, chain.
final class LifecycleTests: XCTestCase {
    let product = "ssl_securesite_pro"

    func testSubmitApproveWaitDownload() throws {
        let client = try Support.client()
        let commonName = Support.uniqueName("life")
        let order = try Support.order(commonName: commonName)
        // Valid; the CSR's own names are not all in the order: warnings, not violations.
        let report = try validateOrder(order: order, product: product)
        XCTAssertTrue(report.warnings.allSatisfy { $0.code == "csr_name_not_in_order" }, "\(report)")

        let submitted = try client.submitOrder(product: product, order: order)
        XCTAssertGreaterThan(submitted.id, 0)
        XCTAssertEqual(submitted.requests.count, 1)
        let request = try XCTUnwrap(submitted.requests.first)
        XCTAssertEqual(request.status, .pending)

        let pending = try client.orderInfo(orderId: submitted.id)
        XCTAssertEqual(pending.id, submitted.id)
        XCTAssertEqual(pending.status, .needsApproval)
        XCTAssertFalse(pending.status.isFinal())
        XCTAssertEqual(pending.certificate?.commonName, commonName)

        try client.updateRequestStatus(requestId: request.id, decision: .approved, comment: "approved by the Swift tests")
        let issued = try client.waitForIssuance(orderId: submitted.id, timeoutMs: 60_000, pollIntervalMs: 100)
        XCTAssertEqual(issued.status, .issued)
        XCTAssertTrue(issued.status.isFinal())
        XCTAssertEqual(issued.status.wireValue(), "issued")
        let certificateId = try XCTUnwrap(issued.certificate?.id)

        let chain = try client.downloadChain(certificateId: certificateId)
        XCTAssertEqual(chain.leaf.subjectCommonName, commonName)
        XCTAssertTrue(chain.leaf.dnsNames.contains(commonName))
        XCTAssertFalse(chain.leaf.isCa)
        XCTAssertFalse(chain.intermediates.isEmpty)
        XCTAssertTrue(chain.intermediates.allSatisfy { $0.isCa })
        XCTAssertEqual(chain.leaf.issuerCommonName, chain.intermediates.first?.subjectCommonName)
        let root = try XCTUnwrap(chain.root)
        XCTAssertTrue(root.selfIssued && root.isCa)

        let pem = String(decoding: try client.downloadCertificate(certificateId: certificateId), as: UTF8.self)
        XCTAssertEqual(pem.components(separatedBy: "-----BEGIN CERTIFICATE-----").count - 1,
                       1 + chain.intermediates.count + 1, pem)
    }

    func testSubmitJsonAndReject() throws {
        let client = try Support.client()
        let commonName = Support.uniqueName("json")
        let json = try orderToJson(order: try Support.order(commonName: commonName))
        let submitted = try client.submitOrderJson(product: product, orderJson: json)
        try client.updateRequestStatus(requestId: try XCTUnwrap(submitted.requests.first).id, decision: .rejected)
        let info = try client.waitForIssuance(orderId: submitted.id, timeoutMs: 30_000, pollIntervalMs: 100)
        XCTAssertEqual(info.status, .rejected)
        let since = Int64(Date().timeIntervalSince1970) - 600
        XCTAssertEqual(try client.findRecentOrders(commonName: commonName, sinceUnix: since).map(\.id), [submitted.id])
    }
}
