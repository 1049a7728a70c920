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

    func insert(_ active: ActiveJob, context: JobContext) {
        table.withLock { $0[active.job.id] = Entry(active: active, context: context) }
    }

    func attach(cancel: @escaping @Sendable () -> Void, to id: String) {
        table.withLock { $0[id]?.cancelHandler = cancel }
    }

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
            guard entry.context.cancel(reason) else { return false }
            entry.cancelHandler?()
            return true
        }
    }
}
