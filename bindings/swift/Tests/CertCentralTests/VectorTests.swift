import CertCentral
import Foundation
import XCTest

/// Every shared vector (tests/vectors, each .json file): `valid` must match, and violations
/// and warnings are compared as multisets of (path, code) (tests/vectors/README.md). The order
/// goes to validateOrderJson as its exact JSON text.
final class VectorTests: XCTestCase {
    func pairs(_ list: RawJSON?) -> [String] {
        (list?.array ?? []).map { "(\($0["path"]?.string ?? "?"), \($0["code"]?.string ?? "?"))" }.sorted()
    }

    func pairs(_ list: [Violation]) -> [String] {
        list.map { "(\($0.path), \($0.code))" }.sorted()
    }

    /// What is in `a` and not in `b`, as multisets.
    func minus(_ a: [String], _ b: [String]) -> [String] {
        var rest = b
        return a.filter { item in
            if let i = rest.firstIndex(of: item) {
                rest.remove(at: i)
                return false
            }
            return true
        }
    }

    func testEveryVector() throws {
        let dir = try Support.vectorsDir()
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertFalse(files.isEmpty, "no vectors in \(dir.path)")
        var total = 0
        var failed = 0
        for file in files {
            let doc = try RawJSON.parse(try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8))
            for c in try XCTUnwrap(doc["cases"]?.array, file) {
                total += 1
                let name = c["name"]?.string ?? "?"
                let verdict = try validateOrderJson(orderJson: try XCTUnwrap(c["order"]?.raw),
                                                    product: try XCTUnwrap(c["product"]?.string),
                                                    today: try XCTUnwrap(c["today"]?.string))
                var problems: [String] = []
                let valid = c["expect"]?["valid"]?.bool
                if verdict.valid != valid { problems.append("valid: expected \(String(describing: valid)), got \(verdict.valid)") }
                for (kind, want, got) in [("violations", pairs(c["expect"]?["violations"]), pairs(verdict.violations)),
                                          ("warnings", pairs(c["expect"]?["warnings"]), pairs(verdict.warnings))] {
                    let missing = minus(want, got), unexpected = minus(got, want)
                    if !missing.isEmpty { problems.append("missing \(kind) \(missing)") }
                    if !unexpected.isEmpty { problems.append("unexpected \(kind) \(unexpected)") }
                }
                if !problems.isEmpty {
                    failed += 1
                    XCTFail("\(file): \(name): \(problems.joined(separator: "; "))\n  messages: \(verdict.violations.map(\.message))")
                }
            }
        }
        print("vectors: \(total - failed) of \(total) cases agree (\(files.count) files)")
        XCTAssertGreaterThan(total, 0)
    }
}
