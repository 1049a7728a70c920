import BullpenCore
import Foundation

/// Scenario 2: the private Redis (appendonly yes, appendfsync always) is stopped and restarted several
/// times under load, alternating SIGTERM (a clean shutdown) and SIGKILL (a crash), while jobs are still
/// being added. No acknowledged job may be lost, no worker process may exit, and processing must resume
/// within 5 s of each restart.
public struct RedisRestarts: Scenario {
    public let name = "redis-restarts"
    public let summary = "Redis stopped and restarted under load (SIGTERM, SIGKILL): nothing acknowledged lost, workers stay, quick resume"

    struct Size {
        var jobs: Int, restarts: Int, outage: Duration, maxMs: Int, concurrency: Int, batch: Int
    }

    static func size(_ scale: BatteryScale) -> Size {
        switch scale {
        case .short: Size(jobs: 2_000, restarts: 3, outage: .milliseconds(300), maxMs: 10, concurrency: 5, batch: 100)
        case .long: Size(jobs: 20_000, restarts: 5, outage: .seconds(1), maxMs: 20, concurrency: 10, batch: 500)
        }
    }

    static let queues = ["alpha", "beta", "gamma"]
    /// A take whose reply is lost when Redis dies leaves its job leased to a worker that never got it,
    /// until the lease expires and a stall check returns it. The default lease (30 s) would make the
    /// run wait that long after a restart, so the topology shortens it (and the stall check interval).
    static let lease = "2s"
    static let stalledInterval = "1s"
    /// How long after a restart processing must be running again.
    static let resumeLimitMs: Int64 = 5_000

    public init() {}

    public func run(in world: BatteryWorld, scale: BatteryScale) async throws -> ScenarioReport {
        let size = Self.size(scale)
        var report = ScenarioReport(scenario: name)
        try world.startRedis()
        let config = try world.writeTopology(queues: Self.queues.map {
            "  \($0): { processes: 2, concurrency: \(size.concurrency), lease: \(Self.lease), stalled_interval: \(Self.stalledInterval) }"
        }.joined(separator: "\n"))
        let plan = (0..<size.jobs).map { index in
            PlannedJob(queue: Self.queues[index % Self.queues.count], id: "\(Self.queues[index % Self.queues.count])-\(index)",
                       ms: BatteryWork.spread(index, over: 1...size.maxMs).ms)
        }
        // Half the jobs are there at start; the producer adds the rest during the run, through the outages.
        let upfront = plan.count / 2
        let producer = Producer(world: world, batch: size.batch, backlog: size.jobs / 4)
        try await producer.add(plan[..<upfront])
        let supervisor = try world.startSupervisor(config: config)
        let started = ContinuousClock.now
        let workers = try await world.waitForWorkers(of: supervisor, count: Self.queues.count * 2)
        let production = Task { await producer.addPaced(plan[upfront...]) }

        // Each restart comes once a further share of the jobs completed, so all of them hit a busy system;
        // all of them within the first half, so that every worker still finds jobs after the last one
        // (workers that take jobs ahead drained the last quarter before some had reconnected).
        var restarts: [Restart] = []
        for number in 0..<size.restarts {
            let threshold = size.jobs * (number + 1) / (2 * (size.restarts + 1))
            let reached = await Poll.until(timeout: .seconds(scale == .short ? 30 : 300), every: .milliseconds(20)) {
                await world.completedCount(in: Self.queues) >= threshold
            }
            guard reached else { throw BatteryError(.timeout, "processing stalled before restart \(number + 1) (threshold \(threshold) completed jobs)") }
            let signal = number % 2 == 0 ? SIGTERM : SIGKILL
            let stoppedAt = ContinuousClock.now
            await world.stopRedis(signal: signal)
            // The outage itself: how long Redis stays down is the fault injected, not a wait for a condition.
            try await Task.sleep(for: size.outage)
            let startingAt = ContinuousClock.now
            try await world.restartRedis()
            restarts.append(Restart(
                signal: signal, down: stoppedAt.duration(to: .now), loading: startingAt.duration(to: .now),
                answeringAt: BatteryWorld.now()))
        }
        let acknowledged = Array(plan[..<upfront]) + (await production.value)

        let total = acknowledged.count
        let finished = await Poll.until(timeout: .seconds(scale == .short ? 30 : 600), every: .milliseconds(50)) {
            await world.completedCount(in: Self.queues) >= total
        }
        let elapsed = started.duration(to: .now)
        var completed: Set<String> = []
        var failed = 0
        for queueName in Self.queues {
            completed.formUnion(try await world.ids(in: \.completed, of: queueName).map { "\(queueName)/\($0)" })
            failed += try await world.ids(in: \.failed, of: queueName).count
        }
        let lost = acknowledged.filter { !completed.contains("\($0.queue)/\($0.id)") }
        let stalled = try await Self.stalledCount(in: world)
        let ledger = world.ledger
        let initialPIDs = Set(workers.map(\.pid))
        let finalPIDs = Set(supervisor.workers.map(\.pid))
        let exited = initialPIDs.filter { !ProcessTable.isAlive($0) || !finalPIDs.contains($0) }
        let resumes = Self.resumes(after: restarts, ledger: ledger, workers: initialPIDs)

        report.figure("jobs", "\(size.jobs) over \(Self.queues.count) queues (half added during the run), 2 processes x concurrency \(size.concurrency) each, 1-\(size.maxMs) ms")
        report.figure("lease / stalled_interval", "\(Self.lease) / \(Self.stalledInterval) (shortened: a take whose reply died with Redis waits for its lease)")
        report.figure("restarts", restarts.map { "\($0.signal == SIGKILL ? "KILL" : "TERM")" }.joined(separator: ", "))
        report.figure("Redis down (stop to answering)", Distribution(restarts.map(\.down.inMilliseconds)).summary())
        report.figure("Redis start (AOF replay to answering)", Distribution(restarts.map(\.loading.inMilliseconds)).summary())
        report.figure("first job started after a restart", Distribution(resumes.compactMap(\.first).map(Double.init)).summary())
        report.figure("every worker running again after a restart", Distribution(resumes.compactMap(\.all).map(Double.init)).summary())
        report.figure("adds retried through an outage", producer.retries)
        report.figure("jobs returned by a stall check (a take answered while Redis died)", stalled)
        report.figure("jobs run more than once", ledger.rerunJobs.count)
        report.figure("run time", "\(String(format1: elapsed.inSeconds)) s")
        report.check("0 acknowledged jobs lost", finished && lost.isEmpty && total == size.jobs,
                     "lost \(lost.count) of \(total) acknowledged (\(size.jobs) planned), \(failed) failed\(lost.isEmpty ? "" : ": \(lost.prefix(5).map(\.id))")")
        report.check("0 worker processes exit", exited.isEmpty && finalPIDs == initialPIDs && ProcessTable.isAlive(supervisor.pid),
                     "\(exited.count) of \(initialPIDs.count) workers gone, \(finalPIDs.subtracting(initialPIDs).count) new, supervisor \(ProcessTable.isAlive(supervisor.pid) ? "alive" : "gone")")
        let slow = resumes.enumerated().filter { $0.element.all.map { $0 > Self.resumeLimitMs } ?? true }
        report.check("processing resumes within 5 s of each restart", restarts.count == size.restarts && slow.isEmpty,
                     slow.isEmpty ? "every worker took a job again within \(resumes.compactMap(\.all).max() ?? 0) ms"
                         : "restarts \(slow.map { $0.offset + 1 }) not resumed in every worker within 5 s")
        return report
    }

    /// One job of the plan.
    struct PlannedJob: Sendable {
        var queue: String, id: String, ms: Int
    }

    /// One restart of Redis.
    struct Restart: Sendable {
        var signal: Int32
        /// From the stop to the server answering with its data loaded.
        var down: Duration
        /// From the start to the server answering (the AOF replay).
        var loading: Duration
        /// When it answered again, in ledger time (ms since 1970).
        var answeringAt: Int64
    }

    /// How soon after one restart jobs started again: the first start in any worker, and the time by
    /// which every worker had started one (nil when some worker never did before the next restart).
    struct Resume: Sendable {
        var first: Int64?
        var all: Int64?
    }

    /// The resume times, from the ledger: a job starts only after its take was answered, so a start
    /// after the server answered again is processing that resumed.
    static func resumes(after restarts: [Restart], ledger: Ledger, workers: Set<Int32>) -> [Resume] {
        let starts = ledger.entries(.started).sorted { $0.time < $1.time }
        return restarts.map { restart in
            let after = starts.filter { $0.time >= restart.answeringAt }
            var firstByWorker: [Int32: Int64] = [:]
            for entry in after where workers.contains(entry.pid) && firstByWorker[entry.pid] == nil {
                firstByWorker[entry.pid] = entry.time - restart.answeringAt
            }
            let all = firstByWorker.count == workers.count ? firstByWorker.values.max() : nil
            return Resume(first: after.first.map { $0.time - restart.answeringAt }, all: all)
        }
    }

    /// The completed jobs that stalled at least once on their way: their lease expired while no worker
    /// ran them (a take whose reply was lost), read from the job records page by page.
    static func stalledCount(in world: BatteryWorld) async throws -> Int {
        var stalled = 0
        for queueName in queues {
            let queue = try world.queue(queueName)
            var offset = 0
            while true {
                let page = try await queue.jobs(.completed, offset: offset, limit: 1_000)
                stalled += page.jobs.filter { $0.stalls > 0 }.count
                offset += page.jobs.count
                if page.jobs.isEmpty || offset >= page.total { break }
            }
        }
        return stalled
    }
}
