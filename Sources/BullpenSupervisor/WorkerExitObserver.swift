/// Told synchronously, on the supervisor's loop, about every worker that ended: the place where the
/// worker's jobs are handed back to their queues at once instead of when their leases expire.
///
/// What an implementation is expected to do with ``WorkerExit``:
/// - ``WorkerExit/isCrash``: release the worker's jobs with a crash count and ``WorkerExit/reason``
///   (a job that crashed its worker too often goes to the dead-letter queue);
/// - otherwise, after a non-zero exit (``WorkerExit/killedAtDeadline``, or SIGTERM during a drain):
///   release the jobs *without* a crash count (the supervisor ended it);
/// - exit 0: nothing (the worker handed back or finished its jobs itself).
///
/// A call that throws is kept in a pending list and retried in order on later loop turns (about once a
/// second), so a Redis outage delays the release instead of losing it. The call blocks the loop: keep it
/// short (one round trip with a timeout). It runs on the main thread; implementations need not be
/// `Sendable`.
public protocol WorkerExitObserver {
    /// Handles one ended worker; throw to have the same report retried later.
    func workerExited(_ exit: WorkerExit) throws
}

/// The default observer: does nothing (jobs come back when their leases expire).
public struct NoWorkerExitObserver: WorkerExitObserver, Sendable {
    /// Creates the no-op observer.
    public init() {}

    /// Does nothing.
    public func workerExited(_ exit: WorkerExit) {}
}
