/// Something the supervisor could not do, with a message naming the thing and the bad value.
public struct SupervisorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure. Extensible: new codes are static members, not enum cases.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short name for the code, e.g. `executable`.
        public let name: String

        /// Creates a code with a short name.
        public init(_ name: String) { self.name = name }

        /// The supervisor's own executable could not be found (`/proc/self/exe`).
        public static let executable = Code("executable")
        /// The embedded Redis could not be set up (folder, socket path, server binary).
        public static let embeddedRedis = Code("embeddedRedis")
        /// A worker or redis-server could not be started.
        public static let spawn = Code("spawn")
        /// Signals could not be blocked or waited for.
        public static let signals = Code("signals")
        /// `run()` was called on a thread other than the main thread.
        public static let thread = Code("thread")

        /// The short name.
        public var description: String { name }
    }

    /// What kind of failure.
    public let code: Code
    /// A sentence naming the operation, the thing and the reason.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
