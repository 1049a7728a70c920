/// A command that cannot go on: the exit code it ends with and the message printed on standard error as
/// `bullpen: fatal: <message>`, after any `details` lines (such as a topology file's issues, one a line).
public struct CLIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The exit code; it doubles as the error's kind (see `BullpenExitCode`).
    public var code: BullpenExitCode
    /// What went wrong, naming the thing and the bad value.
    public var message: String
    /// Lines printed as they are before the message.
    public var details: [String]

    /// Creates an error.
    public init(_ code: BullpenExitCode, _ message: String, details: [String] = []) {
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { message }
}
