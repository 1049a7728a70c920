/// An error from the Redis client: a code that callers can match, and a message that names the thing and
/// the bad value.
public struct RedisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is. Extensible: new codes can be added without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        public var description: String { name }

        /// The connection URL could not be parsed.
        public static let invalidURL = Code(name: "invalidURL")
        /// No connection could be made (refused, unreachable, timed out, authentication failed).
        public static let connectionFailed = Code(name: "connectionFailed")
        /// The connection broke while a command was in flight: the command may or may not have run.
        public static let connectionLost = Code(name: "connectionLost")
        /// The server answered with an error reply.
        public static let serverError = Code(name: "serverError")
        /// A reply did not have the shape the caller expected.
        public static let unexpectedReply = Code(name: "unexpectedReply")
    }

    /// The kind of failure.
    public var code: Code
    /// A human-readable message naming the thing and the bad value.
    public var message: String

    /// Creates an error with a code and a message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// Whether the failure is about the connection (retrying after a reconnect may succeed).
    public var isConnectionFailure: Bool { code == .connectionFailed || code == .connectionLost }
}
