import Glibc

/// A child reaped by `Reaper.reapAny`.
public struct ReapedChild: Sendable, Hashable {
    /// The child's pid.
    public let pid: pid_t
    /// How it ended.
    public let status: TerminationStatus

    /// A reaped child.
    public init(pid: pid_t, status: TerminationStatus) {
        self.pid = pid
        self.status = status
    }
}

/// Collects ended children (`waitpid`), so that they do not stay zombies.
///
/// `reapAny` takes *any* child, including children another part of the process waits for by pid: use
/// it only in a process that owns all its children (the supervisor), never mixed with libraries that
/// wait for their own children (swift-subprocess, Foundation's `Process`) or with `CommandRun`.
public enum Reaper {
    /// Reaps every child that has ended, without blocking: loops on `waitpid(-1, WNOHANG)` until it
    /// returns 0 (children still run) or `ECHILD` (none left). SIGCHLDs merge, so one signal may stand
    /// for several children: always drain. With `processGroup`, only children in that group are taken.
    public static func reapAny(processGroup: pid_t? = nil) -> [ReapedChild] {
        var reaped: [ReapedChild] = []
        let target: pid_t = processGroup.map { -$0 } ?? -1
        while true {
            var status: Int32 = 0
            let pid = waitpid(target, &status, WNOHANG)
            if pid > 0 {
                if let exit = TerminationStatus(waitStatus: status) { reaped.append(ReapedChild(pid: pid, status: exit)) }
            } else if pid < 0 && errno == EINTR {
                continue
            } else {
                return reaped
            }
        }
    }

    /// Reaps `pid` if it has ended; nil while it runs. Does not block.
    public static func reap(pid: pid_t) throws(ProcessError) -> TerminationStatus? {
        try waitFor(pid, options: WNOHANG)
    }

    /// Blocks the calling thread until `pid` ends, and reaps it. Not for Swift's cooperative pool.
    public static func wait(pid: pid_t) throws(ProcessError) -> TerminationStatus {
        // Without WNOHANG, waitpid returns only for an ended child (WUNTRACED is not asked for).
        guard let status = try waitFor(pid, options: 0) else {
            throw ProcessError(.wait, "waitpid for process \(pid) returned without a status")
        }
        return status
    }

    private static func waitFor(_ pid: pid_t, options: Int32) throws(ProcessError) -> TerminationStatus? {
        guard pid > 0 else { throw ProcessError(.wait, "refusing to wait for pid \(pid): not a single process") }
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, options)
            if result == pid { return TerminationStatus(waitStatus: status) }
            if result == 0 { return nil }
            if errno == EINTR { continue }
            throw .system(.wait, "unable to wait for process \(pid)")
        }
    }
}
