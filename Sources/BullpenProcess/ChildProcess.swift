import Glibc

/// A started child process: its pid and the parent's ends of the pipes it was given.
///
/// The parent owns the pipe fds (all close-on-exec) and must close them; the child must be reaped with
/// `wait()`, `reap()` or `Reaper`, or it stays a zombie.
public struct ChildProcess: Sendable, Hashable {
    /// The child's process id (and its process group id when it was spawned into a new group).
    public let pid: pid_t
    /// The write end of the child's standard input, when it was `.pipe`.
    public var standardInput: Int32?
    /// The read end of the child's standard output, when it was `.pipe`.
    public var standardOutput: Int32?
    /// The read end of the child's standard error, when it was `.pipe`.
    public var standardError: Int32?

    /// A child with a pid and the parent's pipe ends.
    public init(pid: pid_t, standardInput: Int32? = nil, standardOutput: Int32? = nil, standardError: Int32? = nil) {
        self.pid = pid
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// Closes the parent's pipe ends that are still open and forgets them.
    public mutating func closeStreams() {
        for fd in [standardInput, standardOutput, standardError].compactMap({ $0 }) { close(fd) }
        standardInput = nil
        standardOutput = nil
        standardError = nil
    }

    /// Waits until the child ends (blocking the calling thread) and reaps it.
    public func wait() throws(ProcessError) -> TerminationStatus {
        try Reaper.wait(pid: pid)
    }

    /// Reaps the child if it has ended; nil while it runs. Does not block.
    public func reap() throws(ProcessError) -> TerminationStatus? {
        try Reaper.reap(pid: pid)
    }

    /// Sends a signal to the child (`kill`).
    public func send(signal: Int32) throws(ProcessError) {
        try Signals.send(signal: signal, to: pid)
    }
}
