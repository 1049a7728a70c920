/// An error of the battery itself (not a failed pass criterion): a process that would not start, a
/// server that would not answer.
public struct BatteryError: Error, Sendable, CustomStringConvertible {
    /// What kind of error.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The name of the code.
        public let description: String
        /// Setting up the world failed (a folder, a server, a process).
        public static let setup = Code(description: "setup")
        /// A condition the scenario waited for never came.
        public static let timeout = Code(description: "timeout")
        /// An argument of the battery's command line is wrong.
        public static let usage = Code(description: "usage")
    }

    /// What kind of error.
    public var code: Code
    /// What went wrong, naming the thing and the bad value.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
