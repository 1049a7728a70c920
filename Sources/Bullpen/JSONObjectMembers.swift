/// The top-level members of a JSON object as raw text, so that one member (a bulk line's `data`) can be
/// stored verbatim, byte for byte, without a parse-and-print round trip changing its numbers.
///
/// Only call it on text already known to be valid JSON (`JSONText.problem(in:)` is nil): it skips values
/// without checking them, and returns nil when the text is not an object.
enum JSONObjectMembers {
    /// The raw text of each top-level member's value, by key (the last one wins for a repeated key). Keys
    /// with escapes are decoded.
    static func rawValues(in text: String) -> [String: String]? {
        let bytes = Array(text.utf8)
        var index = 0
        skipSpace(bytes, &index)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        var members: [String: String] = [:]
        while true {
            skipSpace(bytes, &index)
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "}") { return members }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            let keyStart = index
            skipString(bytes, &index)
            let keyText = String(decoding: bytes[keyStart..<index], as: UTF8.self)
            guard case .string(let key)? = JSONInput.parse(keyText) else { return nil }
            skipSpace(bytes, &index)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            skipSpace(bytes, &index)
            let valueStart = index
            skipValue(bytes, &index)
            members[key] = String(decoding: bytes[valueStart..<index], as: UTF8.self)
        }
    }

    private static func skipSpace(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// Past a string that starts at `index` (on its opening quote).
    private static func skipString(_ bytes: [UInt8], _ index: inout Int) {
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""):
                index += 1
                return
            default: index += 1
            }
        }
    }

    /// Past one value: a string, a container (brackets counted outside strings), or a literal or number
    /// (up to the next delimiter).
    private static func skipValue(_ bytes: [UInt8], _ index: inout Int) {
        guard index < bytes.count else { return }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            skipString(bytes, &index)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    skipString(bytes, &index)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        return
                    }
                default: break
                }
                index += 1
            }
        default:
            while index < bytes.count, !",}] \t\r\n".utf8.contains(bytes[index]) { index += 1 }
        }
    }
}
