import Synchronization

/// Every worker process a scenario has seen, by pid, from any of its watchers.
///
/// A replacement worker can be spawned and killed again between two polls of the watcher that waits
/// for it; the killer saw it, though, since it only kills workers it saw. Sharing the sightings lets
/// the watcher count that short-lived replacement instead of the next one.
final class WorkerSightings: Sendable {
    private let seen = Mutex<[Int32: WorkerInfo]>([:])

    /// Records `workers` and returns them.
    @discardableResult
    func note(_ workers: [WorkerInfo]) -> [WorkerInfo] {
        seen.withLock { seen in
            for worker in workers { seen[worker.pid] = worker }
        }
        return workers
    }

    /// The earliest-started worker of `slot` (worker ids `slot:N`) that started after `worker`.
    func successor(of worker: WorkerInfo, inSlot slot: String) -> WorkerInfo? {
        seen.withLock { seen in
            seen.values
                .filter { $0.pid != worker.pid && $0.startedAt >= worker.startedAt && $0.workerID.hasPrefix(slot + ":") }
                .min { $0.startedAt < $1.startedAt }
        }
    }
}
