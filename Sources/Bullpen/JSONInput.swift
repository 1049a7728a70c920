import Foundation

/// Any JSON value, decoded to read the fields of a `--bulk` line with messages of our own (a
/// `DecodingError` names coding paths, not the option and the value).
indirect enum JSONInput: Decodable, Sendable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONInput])
    case object([String: JSONInput])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Bool first: JSONDecoder does not read 0 or 1 as a Bool, but would read true as nothing else.
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONInput].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONInput].self)) }
    }

    /// Decodes JSON text; nil when it is not JSON.
    static func parse(_ text: String) -> JSONInput? {
        try? JSONDecoder().decode(JSONInput.self, from: Data(text.utf8))
    }

    /// The value as it would appear in a message: strings quoted, containers by kind.
    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): String(value)
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .string(let value): "\"\(value)\""
        case .array: "an array"
        case .object: "an object"
        }
    }
}
