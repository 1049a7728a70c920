import CBullpenSystem
import Glibc

/// Waits for any process (a child or not) to end, without reaping it, through a pidfd.
///
/// For a supervisor's stop timeout ("wait up to 10 s, then SIGKILL") and for tests. A child that ended
/// still has to be reaped (`Reaper`); a process that is not our child is reaped by its own parent.
public enum ExitWatcher {
    /// Blocks the calling thread until `pid` has ended or `timeout` passed (nil waits forever). Returns
    /// true when it has ended, including when it had already ended or no longer exists.
    /// Not for Swift's cooperative pool.
    public static func waitForExit(of pid: pid_t, timeout: Duration?) throws(ProcessError) -> Bool {
        guard pid > 0 else { throw ProcessError(.wait, "refusing to watch pid \(pid): not a single process") }
        let fd = bullpen_pidfd_open(pid)
        guard fd >= 0 else {
            if errno == ESRCH { return true }
            throw .system(.wait, "unable to watch process \(pid)")
        }
        defer { close(fd) }
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now.advanced(by: $0) }
        while true {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let wait = deadline.map { clock.now.duration(to: $0).millisecondsRoundedUp } ?? -1
            let ready = poll(&entry, 1, wait)
            if ready > 0 { return true }
            if ready == 0 { return false }
            if errno != EINTR { throw .system(.wait, "unable to watch process \(pid)") }
        }
    }
}
