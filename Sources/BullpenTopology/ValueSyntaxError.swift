/// A setting's text that does not parse: a duration, a size, a timestamp or a Redis URL.
///
/// Thrown by ``DurationText``, ``SizeText``, ``TimestampText`` and ``RedisEndpoint/parse(_:)`` so that the
/// CLI can reuse the same rules and messages as the topology file (`bullpen add --delay 1h`).
public struct ValueSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of value failed to parse. Extensible: new kinds are new static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name, for logs and tests.
        public let name: String

        /// Creates a code with a stable name.
        public init(_ name: String) { self.name = name }

        /// A duration such as `30s` or `1h30m`.
        public static let invalidDuration = Code("invalid-duration")
        /// A size such as `512MiB`.
        public static let invalidSize = Code("invalid-size")
        /// An ISO 8601 timestamp such as `2026-01-01T00:00:00Z`.
        public static let invalidTimestamp = Code("invalid-timestamp")
        /// A Redis endpoint: `embedded`, `redis://…` or `unix://…`.
        public static let invalidRedisURL = Code("invalid-redis-url")

        /// The code's name.
        public var description: String { name }
    }

    /// What kind of value failed.
    public let code: Code
    /// The text as given.
    public let text: String
    /// The whole message, naming the bad text and what was expected, e.g.
    /// `invalid duration "30" (a number needs a unit; did you mean 30s?)`.
    public let message: String

    /// Creates an error; `message` should quote `text`.
    public init(_ code: Code, text: String, message: String) {
        self.code = code
        self.text = text
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
