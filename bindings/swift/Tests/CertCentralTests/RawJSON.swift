import Foundation

/// A small JSON reader for the vector files that keeps the exact text of every value.
///
/// The vectors must reach the validator as written: `1.0` is a float there (`invalid_type`
/// for an integer field), and Foundation's JSONSerialization turns it into an NSNumber that
/// may print as `1`. So each case's `order` is passed on as its raw text.
struct RawJSON {
    enum Kind {
        case object([String: RawJSON])
        case array([RawJSON])
        case string(String)
        case number
        case bool(Bool)
        case null
    }

    let kind: Kind
    /// The value's text exactly as in the file.
    let raw: String

    subscript(key: String) -> RawJSON? {
        if case .object(let members) = kind { return members[key] }
        return nil
    }

    var array: [RawJSON]? {
        if case .array(let items) = kind { return items }
        return nil
    }

    var string: String? {
        if case .string(let s) = kind { return s }
        return nil
    }

    var bool: Bool? {
        if case .bool(let b) = kind { return b }
        return nil
    }

    struct SyntaxError: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ text: String) throws -> RawJSON {
        var reader = Reader(bytes: Array(text.utf8))
        let value = try reader.value()
        reader.skipSpace()
        guard reader.at == reader.bytes.count else { throw reader.error("trailing characters") }
        return value
    }

    private struct Reader {
        let bytes: [UInt8]
        var at = 0

        func error(_ what: String) -> SyntaxError { SyntaxError(description: "JSON: \(what) at byte \(at)") }

        mutating func skipSpace() {
            while at < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[at]) { at += 1 }
        }

        mutating func expect(_ byte: UInt8) throws {
            skipSpace()
            guard at < bytes.count, bytes[at] == byte else { throw error("expected '\(Character(UnicodeScalar(byte)))'") }
            at += 1
        }

        mutating func peek() throws -> UInt8 {
            skipSpace()
            guard at < bytes.count else { throw error("unexpected end") }
            return bytes[at]
        }

        mutating func value() throws -> RawJSON {
            let first = try peek()
            let start = at
            let kind: Kind
            switch first {
            case UInt8(ascii: "{"):
                at += 1
                var members: [String: RawJSON] = [:]
                if try peek() == UInt8(ascii: "}") {
                    at += 1
                } else {
                    repeat {
                        guard try peek() == UInt8(ascii: "\"") else { throw error("expected a key") }
                        let key = try string()
                        try expect(UInt8(ascii: ":"))
                        members[key] = try value()
                    } while try comma()
                    try expect(UInt8(ascii: "}"))
                }
                kind = .object(members)
            case UInt8(ascii: "["):
                at += 1
                var items: [RawJSON] = []
                if try peek() == UInt8(ascii: "]") {
                    at += 1
                } else {
                    repeat { items.append(try value()) } while try comma()
                    try expect(UInt8(ascii: "]"))
                }
                kind = .array(items)
            case UInt8(ascii: "\""):
                kind = .string(try string())
            case UInt8(ascii: "t"):
                try word("true")
                kind = .bool(true)
            case UInt8(ascii: "f"):
                try word("false")
                kind = .bool(false)
            case UInt8(ascii: "n"):
                try word("null")
                kind = .null
            default:
                let numberBytes = Set("+-0123456789.eE".utf8)
                while at < bytes.count, numberBytes.contains(bytes[at]) { at += 1 }
                guard at > start else { throw error("unexpected character") }
                kind = .number
            }
            return RawJSON(kind: kind, raw: String(decoding: bytes[start..<at], as: UTF8.self))
        }

        mutating func comma() throws -> Bool {
            if try peek() == UInt8(ascii: ",") {
                at += 1
                return true
            }
            return false
        }

        mutating func word(_ w: String) throws {
            let w = Array(w.utf8)
            guard at + w.count <= bytes.count, Array(bytes[at..<at + w.count]) == w else { throw error("bad literal") }
            at += w.count
        }

        mutating func hex4() throws -> UInt32 {
            guard at + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16) else {
                throw error("bad \\u escape")
            }
            at += 4
            return v
        }

        mutating func string() throws -> String {
            at += 1 // the opening quote
            var out: [UInt8] = []
            while true {
                guard at < bytes.count else { throw error("unterminated string") }
                let b = bytes[at]
                at += 1
                switch b {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard at < bytes.count else { throw error("unterminated escape") }
                    let e = bytes[at]
                    at += 1
                    switch e {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800..<0xDC00).contains(scalar), at + 6 <= bytes.count,
                           bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") {
                            at += 2
                            let low = try hex4()
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        out.append(contentsOf: Array(String(Character(UnicodeScalar(scalar) ?? "\u{FFFD}")).utf8))
                    default: out.append(e) // \" \\ \/
                    }
                default:
                    out.append(b)
                }
            }
        }
    }
}
