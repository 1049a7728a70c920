import Synchronization

/// The jobs a worker is running now, for lease renewal, cancellation and drain. Shared by the slot tasks and
/// the renewal task, so it is a mutex-protected table rather than actor state (no suspension inside).
final class RunningJobs: Sendable {
    struct Entry: Sendable {
        var active: ActiveJob
        var context: JobContext
        var cancelHandler: (@Sendable () -> Void)?
    }

    private let table = Mutex<[String: Entry]>([:])
    /// Set when the worker's close deadline passed: no job may start after that.
    private let closed = Mutex(false)

    /// Registers a running job with the way to cancel its handler. Registered in one step, so that a
    /// cancellation (lease lost, shutdown) can never find the job without its cancel handler.
    /// Returns false (and registers nothing) once `close()` was called.
    func insert(_ active: ActiveJob, context: JobContext, cancel: @escaping @Sendable () -> Void) -> Bool {
        closed.withLock { closed in
            guard !closed else { return false }
            table.withLock { $0[active.job.id] = Entry(active: active, context: context, cancelHandler: cancel) }
            return true
        }
    }

    /// Refuses every later `insert` (the close deadline passed).
    func close() { closed.withLock { $0 = true } }

    func remove(_ id: String) {
        table.withLock { _ = $0.removeValue(forKey: id) }
    }

    var count: Int { table.withLock { $0.count } }
    var ids: [String] { table.withLock { Array($0.keys) } }
    var leases: [(id: String, token: String)] { table.withLock { $0.values.map { ($0.active.job.id, $0.active.lease.token) } } }

    /// Cancels the named jobs' handlers, recording why; returns the entries that were cancelled now.
    @discardableResult
    func cancel(_ ids: [String]? = nil, because reason: JobContext.Cancellation) -> [Entry] {
        let entries = table.withLock { table in ids.map { $0.compactMap { table[$0] } } ?? Array(table.values) }
        return entries.filter { entry in
            // The first reason sticks; the handler is cancelled in any case (cancelling twice is harmless).
            let first = entry.context.cancel(reason)
            entry.cancelHandler?()
            return first
        }
    }
}
