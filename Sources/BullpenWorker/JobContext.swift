import BullpenRedis
import FoundationEssentials
import Synchronization

/// What a handler can do besides its work: report progress, write log lines, and learn why it is being
/// cancelled. One context per attempt.
public final class JobContext: Sendable {
    /// Why a running handler is being cancelled.
    public enum Cancellation: String, Sendable, Hashable {
        /// The lease was lost (it expired and the job was handed to another run): the result will be refused.
        case leaseLost = "lease lost"
        /// The job's timeout passed.
        case timeout = "timed out"
        /// The worker is stopping and its drain deadline passed: the job goes back to the queue.
        case shutdown = "worker stopping"
    }

    /// The queue the job belongs to.
    public let queue: Queue
    /// The running job and its lease.
    public let active: ActiveJob
    /// The id of the worker running it.
    public let workerID: String
    private let reason = Mutex<Cancellation?>(nil)

    init(queue: Queue, active: ActiveJob, workerID: String) {
        self.queue = queue
        self.active = active
        self.workerID = workerID
    }

    /// The attempt number of this run (1 for the first).
    public var attempt: Int { active.job.attemptsMade + 1 }

    /// Why the handler is being cancelled, once it is.
    public var cancellation: Cancellation? { reason.withLock { $0 } }

    /// Records the first reason only: a timeout that races a shutdown keeps whichever came first.
    @discardableResult
    func cancel(_ why: Cancellation) -> Bool {
        reason.withLock { current in
            guard current == nil else { return false }
            current = why
            return true
        }
    }

    /// Reports progress: a number (0-100 by convention) or any `Encodable` value.
    public func progress(_ value: some Encodable & Sendable) async throws {
        try await queue.reportProgress(active, json: JSONValue(encoding: value).text)
    }

    /// Appends a line to the job's log.
    public func log(_ line: String) async throws {
        try await queue.log(active.job.id, line)
    }
}
