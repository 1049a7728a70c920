/// An error from a queue operation: a code callers can match and a message that names the thing and the
/// bad value (`invalid job option delay: -5 (must be 0 or more)`).
public struct QueueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is. Extensible: new codes can be added without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        public var description: String { name }

        /// A queue name that cannot be used (empty, too long, or with `:`, `{`, `}` or white space).
        public static let invalidQueueName = Code(name: "invalidQueueName")
        /// A job id that cannot be used.
        public static let invalidJobID = Code(name: "invalidJobID")
        /// A job option out of its range.
        public static let invalidOption = Code(name: "invalidOption")
        /// A payload that is not valid JSON, too deeply nested, or too large.
        public static let invalidPayload = Code(name: "invalidPayload")
        /// No job with that id.
        public static let jobNotFound = Code(name: "jobNotFound")
        /// The job is not in a state the operation applies to (e.g. removing a running job).
        public static let wrongState = Code(name: "wrongState")
        /// A finish or progress report with a lease token that is no longer the job's.
        public static let staleLease = Code(name: "staleLease")
        /// Redis could not be reached or answered in an unexpected way.
        public static let redis = Code(name: "redis")
    }

    /// The kind of failure.
    public var code: Code
    /// The message naming the thing and the bad value.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

extension QueueError {
    static func option(_ name: String, _ value: Any, _ rule: String) -> QueueError {
        QueueError(.invalidOption, "invalid job option \(name): \(value) (\(rule))")
    }

    static func unexpected(_ script: String, _ reply: Any) -> QueueError {
        QueueError(.redis, "unexpected reply from script \(script): \(reply)")
    }
}
