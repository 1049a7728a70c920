import BullpenCore
import Synchronization

extension RedisRestarts {
    /// Adds the scenario's jobs the way an app would, through Redis outages: a batch whose add threw is
    /// added again (the ids are `jobId`s, so a batch that did land is not added twice). A job counts as
    /// acknowledged once an add of it returned.
    final class Producer: Sendable {
        let world: BatteryWorld
        let batch: Int
        let backlog: Int
        private let retried = Mutex(0)

        /// A producer adding `batch` jobs at a time, keeping at most about `backlog` jobs not completed.
        init(world: BatteryWorld, batch: Int, backlog: Int) {
            self.world = world
            self.batch = batch
            self.backlog = backlog
        }

        /// Adds that failed and were tried again.
        var retries: Int { retried.withLock { $0 } }

        /// Adds `jobs` at once (before the run); throws when Redis refuses.
        func add(_ jobs: ArraySlice<PlannedJob>) async throws {
            for queueName in RedisRestarts.queues {
                let mine = jobs.filter { $0.queue == queueName }
                let queue = try world.queue(queueName)
                try await world.addJobs(to: queue, ids: mine.map(\.id)) { BatteryWork(ms: mine[$0].ms) }
            }
        }

        /// Adds `jobs` in batches while the workers run, never more than `backlog` ahead of them; returns
        /// the jobs acknowledged.
        func addPaced(_ jobs: ArraySlice<PlannedJob>) async -> [PlannedJob] {
            var acknowledged: [PlannedJob] = []
            var next = jobs.startIndex
            var added = jobs.startIndex
            while next < jobs.endIndex {
                // Pace by progress: the backlog stays large enough to keep every worker busy.
                let completed = await world.completedCount(in: RedisRestarts.queues)
                if added - completed >= backlog {
                    try? await Task.sleep(for: .milliseconds(20))
                    continue
                }
                let end = min(next + batch, jobs.endIndex)
                var failures = 0
                while true {
                    do {
                        try await add(jobs[next..<end])
                        break
                    } catch {
                        // Redis is away: an app would retry too. Past a minute the run is broken anyway;
                        // the jobs not acknowledged then show in the report.
                        failures += 1
                        retried.withLock { $0 += 1 }
                        if failures >= 600 { return acknowledged }
                        try? await Task.sleep(for: .milliseconds(100))
                    }
                }
                acknowledged.append(contentsOf: jobs[next..<end])
                added = end
                next = end
            }
            return acknowledged
        }
    }
}
