/// What a `CommandRun` produced.
public struct CommandResult: Sendable, Hashable {
    /// How the command ended.
    public var status: TerminationStatus
    /// The first `stdoutLimit` bytes of standard output.
    public var stdout: [UInt8]
    /// Whether standard output was longer than the limit (the rest was read and discarded).
    public var stdoutTruncated: Bool
    /// The last `stderrLimit` bytes of standard error.
    public var stderrTail: [UInt8]
    /// Whether standard error was longer than the limit (its beginning was discarded).
    public var stderrTruncated: Bool
    /// Whether the command was terminated because its timeout passed.
    public var timedOut: Bool
    /// Whether the command was terminated because its `CommandCancellation` fired.
    public var cancelled: Bool
    /// How long the command ran, from spawn to the end of its output.
    public var duration: Duration

    /// A result.
    public init(
        status: TerminationStatus, stdout: [UInt8], stdoutTruncated: Bool, stderrTail: [UInt8], stderrTruncated: Bool,
        timedOut: Bool, cancelled: Bool, duration: Duration
    ) {
        self.status = status
        self.stdout = stdout
        self.stdoutTruncated = stdoutTruncated
        self.stderrTail = stderrTail
        self.stderrTruncated = stderrTruncated
        self.timedOut = timedOut
        self.cancelled = cancelled
        self.duration = duration
    }
}
