import CBullpenSystem
import Glibc

/// The poll loop of a `CommandRun`: feeds standard input, drains standard output and error, watches the
/// child's exit (a pidfd) and a cancellation pipe, and sends the termination signals at their times.
///
/// Everything happens on the calling thread; the parent's pipe ends are non-blocking so one loop can
/// serve all of them without a deadlock (a child blocked writing stderr while we wait on stdout).
struct CommandRunLoop {
    /// How long the output is still read after the command ended (a process that left the command's
    /// group may hold the pipes open).
    static let drainAfterExit: Duration = .seconds(2)
    /// How often the child's exit is checked when no pidfd is available (kernels before 5.3).
    static let exitCheckInterval: Duration = .milliseconds(50)

    private let pid: pid_t
    private let input: [UInt8]
    private var inputOffset = 0
    private var stdinFD: Int32?
    private var stdoutFD: Int32?
    private var stderrFD: Int32?
    private var pidFD: Int32?
    private let cancelFD: Int32?
    private(set) var stdout: HeadBuffer
    private(set) var stderr: TailBuffer
    private var lines = LineSplitter()
    private let deadline: ContinuousClock.Instant?
    private let killGracePeriod: Duration
    private var killAt: ContinuousClock.Instant?
    private var killSent = false
    private var ended = false
    private var drainDeadline: ContinuousClock.Instant?
    private(set) var timedOut = false
    private(set) var cancelled = false
    private let clock = ContinuousClock()
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    init(
        child: ChildProcess, input: [UInt8], stdoutLimit: Int, stderrLimit: Int,
        deadline: ContinuousClock.Instant?, killGracePeriod: Duration, cancellation: CommandCancellation?
    ) {
        pid = child.pid
        self.input = input
        stdinFD = child.standardInput
        stdoutFD = child.standardOutput
        stderrFD = child.standardError
        for fd in [stdinFD, stdoutFD, stderrFD].compactMap({ $0 }) {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        let pidFD = bullpen_pidfd_open(child.pid)
        self.pidFD = pidFD >= 0 ? pidFD : nil
        cancelFD = cancellation?.pollableDescriptor
        stdout = HeadBuffer(limit: stdoutLimit)
        stderr = TailBuffer(limit: stderrLimit)
        self.deadline = deadline
        self.killGracePeriod = killGracePeriod
        if input.isEmpty { closeInput() }
    }

    private enum Role { case input, output, error, exit, cancel }

    mutating func run(onStderrLine: (String) -> Void) throws(ProcessError) {
        while !ended || stdoutFD != nil || stderrFD != nil {
            var entries: [pollfd] = []
            var roles: [Role] = []
            func watch(_ fd: Int32?, _ events: Int32, _ role: Role) {
                guard let fd else { return }
                entries.append(pollfd(fd: fd, events: Int16(events), revents: 0))
                roles.append(role)
            }
            watch(stdinFD, POLLOUT, .input)
            watch(stdoutFD, POLLIN, .output)
            watch(stderrFD, POLLIN, .error)
            if !ended { watch(pidFD, POLLIN, .exit) }
            // Once the command ended on its own, neither a cancellation nor the deadline applies.
            if killAt == nil && !ended { watch(cancelFD, POLLIN, .cancel) }

            let ready = poll(&entries, nfds_t(entries.count), nextWakeTimeout())
            if ready < 0 {
                if errno == EINTR { continue }
                throw .system(.io, "unable to poll the pipes of process \(pid)")
            }
            for (entry, role) in zip(entries, roles) where entry.revents != 0 {
                switch role {
                case .input: writeInput()
                case .output: drain(.output, onStderrLine)
                case .error: drain(.error, onStderrLine)
                case .exit: childEnded()
                case .cancel:
                    cancelled = true
                    terminate()
                }
            }
            if !ended && pidFD == nil && bullpen_child_has_ended(pid) == 1 { childEnded() }
            checkTimers(onStderrLine)
        }
    }

    /// Closes every fd the loop still holds.
    mutating func closeAll() {
        closeInput()
        for fd in [stdoutFD, stderrFD, pidFD].compactMap({ $0 }) { close(fd) }
        stdoutFD = nil
        stderrFD = nil
        pidFD = nil
    }

    /// Milliseconds until the next timer, or -1 to wait for fds alone.
    private func nextWakeTimeout() -> Int32 {
        var next: ContinuousClock.Instant?
        func consider(_ instant: ContinuousClock.Instant?) {
            if let instant, next.map({ instant < $0 }) ?? true { next = instant }
        }
        if killAt == nil && !ended { consider(deadline) }
        if !killSent { consider(killAt) }
        if ended { consider(drainDeadline) }
        if !ended && pidFD == nil { consider(clock.now.advanced(by: Self.exitCheckInterval)) }
        guard let next else { return -1 }
        return clock.now.duration(to: next).millisecondsRoundedUp
    }

    private mutating func checkTimers(_ onStderrLine: (String) -> Void) {
        let now = clock.now
        if killAt == nil, !ended, let deadline, now >= deadline {
            timedOut = true
            terminate()
        }
        if let killAt, !killSent, now >= killAt {
            signalGroup(SIGKILL)
            killSent = true
        }
        if ended, let drainDeadline, now >= drainDeadline {
            if stderrFD != nil { lines.finish(onStderrLine) }
            closeAll()
        }
    }

    /// SIGTERM to the command's group now, SIGKILL after the grace period.
    private mutating func terminate() {
        guard killAt == nil else { return }
        killAt = clock.now.advanced(by: killGracePeriod)
        if !ended { signalGroup(SIGTERM) }
    }

    /// The child is a zombie now: its pid, hence its group id, cannot be reused until we reap it, so
    /// signalling the group still reaches only the processes it left behind.
    private mutating func childEnded() {
        ended = true
        signalGroup(SIGKILL)
        killSent = true
        closeInput()
        drainDeadline = clock.now.advanced(by: Self.drainAfterExit)
        if let fd = pidFD { close(fd) }
        pidFD = nil
    }

    private func signalGroup(_ signal: Int32) {
        // ESRCH (the group is already empty) is expected and harmless.
        kill(-pid, signal)
    }

    private mutating func writeInput() {
        guard let fd = stdinFD else { return }
        let count = input.withUnsafeBytes { bytes in
            write(fd, bytes.baseAddress! + inputOffset, Swift.min(bytes.count - inputOffset, 64 * 1024))
        }
        if count > 0 {
            inputOffset += count
            if inputOffset == input.count { closeInput() }
        } else if count < 0 && errno != EAGAIN && errno != EINTR {
            // EPIPE: the command stopped reading its input; that is its business, not an error of ours.
            closeInput()
        }
    }

    private mutating func closeInput() {
        if let fd = stdinFD { close(fd) }
        stdinFD = nil
    }

    private enum Stream { case output, error }

    /// Reads what is available (a bounded number of chunks, so that timers are still checked while a fast
    /// writer keeps the pipe full) and closes the fd at end of file.
    private mutating func drain(_ stream: Stream, _ onStderrLine: (String) -> Void) {
        guard let fd = stream == .output ? stdoutFD : stderrFD else { return }
        for _ in 0..<16 {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                let chunk = buffer[0..<count]
                switch stream {
                case .output:
                    stdout.append(chunk)
                case .error:
                    stderr.append(chunk)
                    lines.append(chunk, onStderrLine)
                }
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && errno == EAGAIN { return }
            // End of file, or an error that ends the stream just the same.
            close(fd)
            switch stream {
            case .output: stdoutFD = nil
            case .error:
                stderrFD = nil
                lines.finish(onStderrLine)
            }
            return
        }
    }
}
