import BullpenProcess
import Glibc

/// One slot as `bullpen status` shows it.
public struct SlotStatus: Sendable, Hashable {
    /// The queue (`redis-server` for the embedded Redis).
    public var queue: String
    /// The slot's index in its queue.
    public var index: Int
    /// The slot's state.
    public var state: SlotState
    /// The current worker's pid; nil in `backoff`, `exited`, `fatal`.
    public var pid: pid_t?
    /// The current worker's id.
    public var workerID: String?
    /// Workers of this slot that were told to stop and have not exited yet.
    public var retiringPIDs: [pid_t]
    /// How many times the slot spawned again after its first worker (restarts, recycles, replacements).
    public var restarts: Int
    /// When the current worker started, in milliseconds since the Unix epoch.
    public var startedAtMilliseconds: Int64?
    /// How the slot's last worker ended, if one did.
    public var lastExit: TerminationStatus?

    /// Creates a slot status.
    public init(
        queue: String, index: Int, state: SlotState, pid: pid_t?, workerID: String?, retiringPIDs: [pid_t],
        restarts: Int, startedAtMilliseconds: Int64?, lastExit: TerminationStatus?
    ) {
        self.queue = queue
        self.index = index
        self.state = state
        self.pid = pid
        self.workerID = workerID
        self.retiringPIDs = retiringPIDs
        self.restarts = restarts
        self.startedAtMilliseconds = startedAtMilliseconds
        self.lastExit = lastExit
    }
}
