import BullpenProcess
import Foundation

/// A `bullpen-battery-app supervise` process started by a scenario, its output in a log file.
public struct SupervisorUnderTest: Sendable {
    /// The supervisor's pid.
    public let pid: Int32
    /// The file holding its standard output and error (and its workers').
    public let logPath: String

    init(pid: Int32, logPath: String) {
        self.pid = pid
        self.logPath = logPath
    }

    /// Everything the supervisor and its workers wrote so far.
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends a signal to the supervisor.
    public func signal(_ number: Int32) { kill(pid, number) }

    /// The supervisor's live workers (its children running `worker`).
    public var workers: [WorkerInfo] {
        ProcessTable.children(of: pid).compactMap(WorkerInfo.init)
    }

    /// Every live process whose parent is the supervisor (workers and anything else it spawned).
    public var children: [ProcessTable.Entry] { ProcessTable.children(of: pid) }

    /// Reaps the supervisor if it exited; nil while it runs.
    public func reap() -> TerminationStatus? { try? Reaper.reap(pid: pid) }

    /// Waits up to `timeout` for the supervisor to exit; its status, or nil if it still runs.
    public func waitForExit(timeout: Duration) async -> TerminationStatus? {
        var status: TerminationStatus?
        _ = await Poll.until(timeout: timeout, every: .milliseconds(10)) {
            status = reap()
            return status != nil
        }
        return status
    }
}
