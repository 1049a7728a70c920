/// What a worker reports to in-process observers (BullMQ's `worker.on(...)`).
public enum WorkerEvent: Sendable {
    /// A job completed with this return value (JSON text).
    case completed(Job, returnValue: String)
    /// An attempt failed; `status` says whether the job will be retried or failed for good.
    case failed(Job, reason: String, status: FinishStatus)
    /// A result was refused because the job's lease was lost.
    case refused(Job)
    /// Something went wrong outside a handler (Redis unreachable, an unexpected reply); the worker goes on.
    case error(String)
}
