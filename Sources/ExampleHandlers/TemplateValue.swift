/// A value for a template placeholder: a string, a number or a boolean from the job's JSON.
public struct TemplateValue: Codable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The text put in place of the placeholder.
    public var text: String

    /// Wraps text.
    public init(_ text: String) { self.text = text }

    public init(stringLiteral value: String) { text = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(String.self) {
            text = value
        } else if let value = try? container.decode(Int.self) {
            text = String(value)
        } else if let value = try? container.decode(Double.self) {
            text = String(value)
        } else if let value = try? container.decode(Bool.self) {
            text = String(value)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a template variable must be a string, a number or a boolean")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public var description: String { text }
}
