import CertCentral
import Foundation
import XCTest

/// One client shared by several threads: the blocking calls run concurrently and all succeed.
final class ThreadTests: XCTestCase {
    func testOneClientManyThreads() throws {
        let client = try Support.client()
        let order = try Support.order()
        let threads = 8
        let perThread = 4
        /// What the threads report, behind a lock.
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var ids: [Int64] = []
            var failures: [String] = []
            func add(id: Int64? = nil, failure: String? = nil) {
                lock.lock()
                defer { lock.unlock() }
                if let id { ids.append(id) }
                if let failure { failures.append(failure) }
            }
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for i in 0..<perThread {
                let name = Support.uniqueName("t\(t)-\(i)")
                let mine = Order(
                    certificate: Certificate(commonName: name, csr: order.certificate.csr,
                                             signatureHash: "sha256", dnsNames: order.certificate.dnsNames),
                    organization: order.organization, validityYears: 1)
                do {
                    let submitted = try client.submitOrder(product: "ssl_securesite_pro", order: mine)
                    let info = try client.orderInfo(orderId: submitted.id)
                    results.add(id: submitted.id,
                                failure: info.certificate?.commonName == name ? nil : "order \(submitted.id) is not \(name)")
                } catch {
                    results.add(failure: "\(error)")
                }
            }
        }
        let (ids, failures) = (results.ids, results.failures)
        XCTAssertEqual(failures, [])
        XCTAssertEqual(ids.count, threads * perThread)
        XCTAssertEqual(Set(ids).count, ids.count, "every order got its own id: \(ids)")
    }
}
