/// JSON as text, never as objects: checks that a text is one valid JSON value (RFC 8259) no deeper than a
/// limit (job data is stored verbatim, so it only has to be checked), and quotes strings.
public enum JSONText {
    /// `text` as a JSON string literal: quotes, backslashes and control characters (DEL included)
    /// escaped; everything else (UTF-8 included) verbatim, which is valid JSON and what Lua's cjson reads.
    public static func quoted(_ text: String) -> String {
        func plain(_ byte: UInt8) -> Bool { byte >= 0x20 && byte != 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") }
        if text.utf8.allSatisfy(plain) { return "\"" + text + "\"" }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Returns nil when `text` is valid JSON nested at most `maxDepth` deep, or the reason it is not, with
    /// the byte offset (`unexpected character "}" at byte 12`).
    public static func problem(in text: String, maxDepth: Int = 64) -> String? {
        var scanner = Scanner(bytes: Array(text.utf8), maxDepth: maxDepth)
        return scanner.check()
    }

    private struct Scanner {
        let bytes: [UInt8]
        let maxDepth: Int
        var index = 0
        var depth = 0

        init(bytes: [UInt8], maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        mutating func check() -> String? {
            skipSpace()
            if let problem = value() { return problem }
            skipSpace()
            return index == bytes.count ? nil : unexpected()
        }

        private func unexpected() -> String {
            guard index < bytes.count else { return "unexpected end of text" }
            let byte = bytes[index]
            let shown = (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
            return "unexpected character \"\(shown)\" at byte \(index)"
        }

        private mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        private mutating func value() -> String? {
            guard index < bytes.count else { return unexpected() }
            switch bytes[index] {
            case UInt8(ascii: "{"): return container(close: UInt8(ascii: "}"), keyed: true)
            case UInt8(ascii: "["): return container(close: UInt8(ascii: "]"), keyed: false)
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number()
            }
        }

        private mutating func container(close: UInt8, keyed: Bool) -> String? {
            depth += 1
            if depth > maxDepth { return "nested deeper than \(maxDepth) levels at byte \(index)" }
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == close {
                index += 1
                depth -= 1
                return nil
            }
            while true {
                if keyed {
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return unexpected() }
                    if let problem = string() { return problem }
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return unexpected() }
                    index += 1
                    skipSpace()
                }
                if let problem = value() { return problem }
                skipSpace()
                guard index < bytes.count else { return unexpected() }
                if bytes[index] == close {
                    index += 1
                    depth -= 1
                    return nil
                }
                guard bytes[index] == UInt8(ascii: ",") else { return unexpected() }
                index += 1
                skipSpace()
            }
        }

        private mutating func string() -> String? {
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return nil
                }
                if byte < 0x20 { return unexpected() }
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard index < bytes.count else { return unexpected() }
                    if bytes[index] == UInt8(ascii: "u") {
                        for _ in 0..<4 {
                            index += 1
                            guard index < bytes.count, isHex(bytes[index]) else { return unexpected() }
                        }
                    } else if !Array("\"\\/bfnrt".utf8).contains(bytes[index]) {
                        return unexpected()
                    }
                }
                index += 1
            }
            return unexpected()
        }

        private mutating func literal(_ word: String) -> String? {
            for expected in word.utf8 {
                guard index < bytes.count, bytes[index] == expected else { return unexpected() }
                index += 1
            }
            return nil
        }

        private mutating func number() -> String? {
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { return unexpected() }
            if bytes[index] == UInt8(ascii: "0") { index += 1 } else { digits() }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { return unexpected() }
                digits()
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, isDigit(bytes[index]) else { return unexpected() }
                digits()
            }
            return nil
        }

        private mutating func digits() {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }

        private func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        private func isHex(_ byte: UInt8) -> Bool {
            isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }
}
