import BullpenCore

/// JSON for `--json` output, written by hand so that keys keep their order and job data (JSON text) is
/// embedded verbatim instead of being parsed and printed again.
indirect enum JSONOutput: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    /// JSON text put in as it is; text that is not valid JSON goes in as a string instead.
    case raw(String)
    case array([JSONOutput])
    case object([(key: String, value: JSONOutput)])

    /// An integer.
    static func int(_ value: Int) -> JSONOutput { .int(Int64(value)) }

    /// A string, or null.
    static func string(_ value: String?) -> JSONOutput { value.map { .string($0) } ?? .null }

    /// JSON text, or null.
    static func raw(_ value: String?) -> JSONOutput { value.map { .raw($0) } ?? .null }

    /// The deepest JSON text embedded as JSON (deeper than any queue accepts by default).
    static let maxRawDepth = 512

    /// The compact JSON text (one line).
    var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .string(let value): out += JSONText.quoted(value)
        case .raw(let text):
            if JSONText.problem(in: text, maxDepth: Self.maxRawDepth) == nil {
                out += text.trimmingWhitespace
            } else {
                out += JSONText.quoted(text)
            }
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                out += JSONText.quoted(member.key)
                out += ":"
                member.value.write(to: &out)
            }
            out += "}"
        }
    }
}

extension String {
    /// The text without leading and trailing JSON white space (space, tab, CR, LF).
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
