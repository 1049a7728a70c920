extension StoredValue {
    /// The JSON object in `bytes` when it is flat, as job records are: values are strings, numbers,
    /// booleans, null, arrays of those, or `{}` (cjson's empty table, which older records may hold for an
    /// empty stack trace list). Nil for anything else (nested objects, malformed text).
    static func decode(flatJSON bytes: [UInt8]) -> StoredValue? {
        var reader = FlatJSONReader(bytes: bytes)
        guard let value = reader.object(), reader.atEnd() else { return nil }
        return value
    }
}

private struct FlatJSONReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func atEnd() -> Bool {
        skipSpace()
        return offset == bytes.count
    }

    mutating func object() -> StoredValue? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var fields: [String: StoredValue] = [:]
        if take(UInt8(ascii: "}")) { return .map(fields) }
        repeat {
            guard case .string(let key)? = string(), take(UInt8(ascii: ":")), let value = scalarOrArray() else { return nil }
            fields[key] = value
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}")) ? .map(fields) : nil
    }

    private mutating func scalarOrArray() -> StoredValue? {
        skipSpace()
        guard offset < bytes.count else { return nil }
        if take(UInt8(ascii: "{")) { return take(UInt8(ascii: "}")) ? .map([:]) : nil }
        if bytes[offset] != UInt8(ascii: "[") { return scalar() }
        offset += 1
        var elements: [StoredValue] = []
        if take(UInt8(ascii: "]")) { return .array(elements) }
        repeat {
            guard let element = scalar() else { return nil }
            elements.append(element)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? .array(elements) : nil
    }

    private mutating func scalar() -> StoredValue? {
        skipSpace()
        guard offset < bytes.count else { return nil }
        switch bytes[offset] {
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "t"): return word("true", .bool(true))
        case UInt8(ascii: "f"): return word("false", .bool(false))
        case UInt8(ascii: "n"): return word("null", .null)
        default: return number()
        }
    }

    private mutating func word(_ text: StaticString, _ value: StoredValue) -> StoredValue? {
        let count = text.utf8CodeUnitCount
        guard bytes.count - offset >= count else { return nil }
        for index in 0..<count where bytes[offset + index] != text.utf8Start[index] { return nil }
        offset += count
        return value
    }

    /// A number: an integer when it is one (and fits), else a double.
    private mutating func number() -> StoredValue? {
        let start = offset
        var integral = true
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: "-") {
                offset += 1
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") {
                integral = false
                offset += 1
            } else {
                break
            }
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        if integral, let value = Int64(text) { return .int(value) }
        return Double(text).map(StoredValue.double)
    }

    /// A string, its escapes resolved (a lone surrogate becomes U+FFFD, as `JSONDecoder` would refuse it).
    private mutating func string() -> StoredValue? {
        skipSpace()
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = offset
        // The common case: no escapes, one copy of the bytes.
        while offset < bytes.count, bytes[offset] != UInt8(ascii: "\""), bytes[offset] != UInt8(ascii: "\\") {
            if bytes[offset] < 0x20 { return nil }
            offset += 1
        }
        guard offset < bytes.count else { return nil }
        if bytes[offset] == UInt8(ascii: "\"") {
            offset += 1
            return .string(String(decoding: bytes[start..<offset - 1], as: UTF8.self))
        }
        var text = Array(bytes[start..<offset])
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""): return .string(String(decoding: text, as: UTF8.self))
            case UInt8(ascii: "\\"): guard unescape(into: &text) else { return nil }
            case 0..<0x20: return nil
            default: text.append(byte)
            }
        }
        return nil
    }

    private mutating func unescape(into text: inout [UInt8]) -> Bool {
        guard offset < bytes.count else { return false }
        let escape = bytes[offset]
        offset += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0c)
        case UInt8(ascii: "n"): text.append(0x0a)
        case UInt8(ascii: "r"): text.append(0x0d)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            guard var scalar = hex4() else { return false }
            if (0xd800..<0xdc00).contains(scalar), bytes.count - offset >= 6, bytes[offset] == UInt8(ascii: "\\"),
                bytes[offset + 1] == UInt8(ascii: "u")
            {
                let mark = offset
                offset += 2
                if let low = hex4(), (0xdc00..<0xe000).contains(low) {
                    scalar = 0x10000 + (scalar - 0xd800) << 10 + (low - 0xdc00)
                } else {
                    offset = mark
                }
            }
            text.append(contentsOf: String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
        default: return false
        }
        return true
    }

    private mutating func hex4() -> UInt32? {
        guard bytes.count - offset >= 4 else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Character(Unicode.Scalar(bytes[offset])).hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard offset < bytes.count, bytes[offset] == byte else { return false }
        offset += 1
        return true
    }

    private mutating func skipSpace() {
        while offset < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[offset]) { offset += 1 }
    }
}
