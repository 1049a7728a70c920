import Glibc

/// Runs one command to completion: writes its standard input, collects its output within limits, and
/// enforces a deadline. The building block of the worker's `exec` handler.
///
/// The command runs in a process group of its own, so that a timeout or a cancellation reaches the
/// processes it started too: SIGTERM to the group, then SIGKILL after `killGracePeriod`. When the
/// command itself ends, whatever it left running in its group is killed with SIGKILL: a job's command
/// must not leave work running unseen. Its output is then read to the end for at most two seconds
/// (a process that left the group may hold the pipes open).
///
/// `run` blocks the calling thread for the whole run: never call it on Swift's cooperative thread pool
/// (on two cores, two blocked pool threads stall every task). Call it on a thread of your own, or use
/// `runOnOwnThread`. It waits for its own child by pid, so it must not share a process with a
/// `Reaper.reapAny()` loop, which could take the child first.
///
/// SIGPIPE: writing to a command that stopped reading would raise SIGPIPE, whose default action kills
/// the whole process. `run` blocks SIGPIPE on its own thread only for the duration of the run and takes
/// the pending signal back before restoring the mask, so the process-wide disposition is left alone
/// and the write simply fails with EPIPE.
public struct CommandRun: Sendable, Hashable {
    /// The program's path (not searched in `PATH`).
    public var executable: String
    /// The arguments after `argv[0]`.
    public var arguments: [String]
    /// The complete environment, as `NAME=value` strings.
    public var environment: [String]
    /// The directory the command starts in; nil keeps the current one.
    public var workingDirectory: String?
    /// The bytes written to the command's standard input, which is then closed.
    public var input: [UInt8]
    /// How many bytes of standard output to keep (the first ones).
    public var stdoutLimit: Int
    /// How many bytes of standard error to keep (the last ones).
    public var stderrLimit: Int
    /// How long the command may run before it is terminated; nil for no limit.
    public var timeout: Duration?
    /// How long a terminated command has between SIGTERM and SIGKILL.
    public var killGracePeriod: Duration

    /// A command to run.
    public init(
        executable: String,
        arguments: [String] = [],
        environment: [String],
        workingDirectory: String? = nil,
        input: [UInt8] = [],
        stdoutLimit: Int = 1 << 20,
        stderrLimit: Int = 64 << 10,
        timeout: Duration? = nil,
        killGracePeriod: Duration = .seconds(5)
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.input = input
        self.stdoutLimit = stdoutLimit
        self.stderrLimit = stderrLimit
        self.timeout = timeout
        self.killGracePeriod = killGracePeriod
    }

    /// Runs the command and blocks until it has ended and its output is read. `onStderrLine` is called
    /// on the calling thread for each line of standard error (without its newline), e.g. to report
    /// `progress: 50`. Throws only when the command cannot be started or the system fails; a command
    /// that fails, times out or is cancelled is a result.
    public func run(
        cancellation: CommandCancellation? = nil, onStderrLine: (String) -> Void = { _ in }
    ) throws(ProcessError) -> CommandResult {
        let clock = ContinuousClock()
        let start = clock.now
        let pipeGuard = try BrokenPipeGuard()
        defer { pipeGuard.restore() }

        let child = try ChildProcess.spawn(SpawnOptions(
            executable: executable, arguments: arguments, environment: environment,
            workingDirectory: workingDirectory, standardInput: .pipe, standardOutput: .pipe, standardError: .pipe,
            processGroup: .new))
        var loop = CommandRunLoop(
            child: child, input: input, stdoutLimit: stdoutLimit, stderrLimit: stderrLimit,
            deadline: timeout.map { start.advanced(by: $0) }, killGracePeriod: killGracePeriod,
            cancellation: cancellation)
        defer { loop.closeAll() }
        do {
            try loop.run(onStderrLine: onStderrLine)
        } catch {
            // The child must not outlive a failed run, nor stay a zombie.
            kill(-child.pid, SIGKILL)
            _ = try? Reaper.wait(pid: child.pid)
            throw error
        }
        let status = try Reaper.wait(pid: child.pid)
        return CommandResult(
            status: status, stdout: loop.stdout.bytes, stdoutTruncated: loop.stdout.truncated,
            stderrTail: loop.stderr.bytes, stderrTruncated: loop.stderr.truncated,
            timedOut: loop.timedOut, cancelled: loop.cancelled, duration: start.duration(to: clock.now))
    }
}
