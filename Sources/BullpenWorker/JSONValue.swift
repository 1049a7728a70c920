import FoundationEssentials

/// JSON text that encodes as itself: a handler's result passed through without re-encoding.
public struct JSONValue: Encodable, Sendable, Hashable {
    /// The JSON text.
    public var text: String

    /// Wraps JSON text (not checked here: the worker checks results before storing them).
    public init(json text: String) { self.text = text }

    /// Encodes any value as JSON text.
    public init(encoding value: some Encodable) throws {
        // The common results skip `JSONEncoder` (several µs a job for a handler that returns a number).
        switch value {
        case let already as JSONValue: self = already; return
        case let number as Int: text = String(number); return
        case let number as Int64: text = String(number); return
        case let flag as Bool: text = flag ? "true" : "false"; return
        case let string as String: text = JSONText.quoted(string); return
        default: break
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public func encode(to encoder: any Encoder) throws {
        // Only reached when nested inside another value: decode the text and encode the tree.
        var container = encoder.singleValueContainer()
        try container.encode(try JSONDecoder().decode(JSONTree.self, from: Data(text.utf8)))
    }
}

/// Any JSON value, to carry JSON text through Codable.
private indirect enum JSONTree: Codable {
    case null, bool(Bool), number(Double), string(String), array([JSONTree]), object([String: JSONTree])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONTree].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONTree].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
