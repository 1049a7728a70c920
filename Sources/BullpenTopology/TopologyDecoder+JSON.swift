import Yams

/// Schedule `data`: any YAML that JSON can say, turned into one-line JSON text that is also YAML.
extension TopologyDecoder {
    /// The one-line JSON text of `node`; nil when part of it has no JSON form (after reporting it).
    mutating func jsonText(_ node: Node, _ path: SettingPath) -> String? {
        var text = ""
        return appendJSON(node, path, to: &text) ? text : nil
    }

    private mutating func appendJSON(_ node: Node, _ path: SettingPath, to text: inout String) -> Bool {
        switch node {
        case .scalar(let scalar):
            switch node.tagName {
            case .null: text += "null"
            case .bool: text += node.bool == true ? "true" : "false"
            case .int:
                guard let value = node.int else {
                    report(.outOfRange, path, at: node, "\(scalar.string) is too large for a JSON integer")
                    return false
                }
                text += String(value)
            case .float:
                guard let value = node.float, value.isFinite else {
                    report(.invalidValue, path, at: node, "\(scalar.string) has no JSON form")
                    return false
                }
                text += String(describing: value)
            default: text += Self.jsonString(scalar.string)
            }
            return true
        case .sequence(let sequence):
            text += "["
            var ok = true
            for (index, element) in sequence.enumerated() {
                if index > 0 { text += ", " }
                ok = appendJSON(element, path.element(index), to: &text) && ok
            }
            text += "]"
            return ok
        case .mapping(let mapping):
            text += "{"
            var ok = true
            var first = true
            for (keyNode, value) in mapping {
                guard case .scalar(let key) = keyNode else {
                    report(.wrongType, path, at: keyNode, "expected a text key, got \(describe(keyNode))")
                    ok = false
                    continue
                }
                let (name, renamed) = YAMLDocument.originalKey(key.string)
                if renamed { continue }
                if !first { text += ", " }
                first = false
                text += Self.jsonString(name) + ": "
                ok = appendJSON(value, path.child(name), to: &text) && ok
            }
            text += "}"
            return ok
        case .alias:
            report(.invalidValue, path, at: node, "an unresolved alias has no JSON form")
            return false
        }
    }

    /// `value` as a JSON string literal.
    static func jsonString(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
