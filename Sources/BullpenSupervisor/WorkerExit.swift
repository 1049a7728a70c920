import BullpenProcess
import Glibc

/// One worker that ended, as reported to the ``WorkerExitObserver``.
public struct WorkerExit: Sendable, Hashable {
    /// The queue the worker served.
    public var queue: String
    /// The slot's index in its queue.
    public var slot: Int
    /// The worker's id (the `--worker-id` it was started with, and the owner of its jobs in Redis).
    public var workerID: String
    /// The worker's pid.
    public var pid: pid_t
    /// How it ended.
    public var status: TerminationStatus
    /// The supervisor had told it to stop (SIGTERM): a drain, a removed slot, or a replacement.
    public var duringDrain: Bool
    /// The supervisor SIGKILLed it because it was still running at its stop deadline (or at a second
    /// SIGTERM/SIGINT): its jobs go back to their queue without a crash count.
    public var killedAtDeadline: Bool

    /// Creates an exit report.
    public init(
        queue: String, slot: Int, workerID: String, pid: pid_t, status: TerminationStatus, duringDrain: Bool,
        killedAtDeadline: Bool
    ) {
        self.queue = queue
        self.slot = slot
        self.workerID = workerID
        self.pid = pid
        self.status = status
        self.duringDrain = duringDrain
        self.killedAtDeadline = killedAtDeadline
    }

    /// True when the worker's jobs must be released *with* a crash count: it did not exit 0, and it was
    /// not the supervisor that ended it (SIGKILL at the deadline, or the very SIGTERM of a drain killing
    /// a worker that had not yet set up its handling, e.g. one still starting).
    public var isCrash: Bool {
        if status.isSuccess || killedAtDeadline { return false }
        return !(duringDrain && status == .signaled(signal: SIGTERM, coreDumped: false))
    }

    /// `worker killed by signal 11 (SIGSEGV)`, `worker exited with status 1`: the reason to store on the
    /// released jobs.
    public var reason: String { "worker \(status)" }
}
