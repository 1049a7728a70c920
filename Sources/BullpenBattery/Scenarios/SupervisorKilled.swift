import BullpenCore
import Foundation

/// Scenario 5: the supervisor is SIGKILLed while its workers run jobs. Every worker must exit within 2 s
/// (its parent-death signal), no process of the scenario may be left behind, and once a new supervisor
/// runs on the same topology every job completes; a job runs twice only when its first run was in a
/// worker of the killed supervisor.
public struct SupervisorKilled: Scenario {
    public let name = "supervisor-killed"
    public let summary = "SIGKILL to the supervisor under load: its workers exit within 2 s, no orphans, every job recovered"

    struct Size {
        var queues: [String], jobs: Int, maxMs: Int, concurrency: Int
    }

    static func size(_ scale: BatteryScale) -> Size {
        switch scale {
        case .short: Size(queues: ["alpha", "beta"], jobs: 1_000, maxMs: 100, concurrency: 5)
        case .long: Size(queues: ["alpha", "beta", "gamma"], jobs: 20_000, maxMs: 50, concurrency: 10)
        }
    }

    public init() {}

    public func run(in world: BatteryWorld, scale: BatteryScale) async throws -> ScenarioReport {
        let size = Self.size(scale)
        var report = ScenarioReport(scenario: name)
        try world.startRedis()
        let config = try world.writeTopology(
            queues: size.queues.map { "  \($0): { processes: 2, concurrency: \(size.concurrency) }" }.joined(separator: "\n"))
        let ids = try await world.addSpread(size.jobs, over: size.queues, ms: 1...size.maxMs)
        let first = try world.startSupervisor(config: config)
        let workerCount = size.queues.count * 2
        _ = try await world.waitForWorkers(of: first, count: workerCount)

        // Under load: a fifth of the jobs done, and every worker holding jobs.
        let loaded = try await Poll.until(timeout: .seconds(30), every: .milliseconds(10)) {
            guard await world.completedCount(in: size.queues) >= size.jobs / 5 else { return false }
            let holders = try await activeJobs(world, size).values.reduce(into: Set<String>()) { $0.formUnion($1.compactMap(\.workerID)) }
            return first.workers.allSatisfy { holders.contains($0.workerID) }
        }
        guard loaded else { throw BatteryError(.timeout, "the workers of \(first.pid) never all held jobs; log: \(first.log.suffix(800))") }
        let workers = first.workers
        let descendants = ProcessTable.descendants(of: first.pid)
        let held = try await activeJobs(world, size)
        let doneAtKill = await world.completedCount(in: size.queues)

        let killedAt = ProcessTable.bootClock()
        first.signal(SIGKILL)
        _ = await first.waitForExit(timeout: .seconds(5))
        // Each process of the killed supervisor, until it is gone; where it went meanwhile.
        var exitMs: [Int32: Double] = [:]
        var adopters: Set<Int32> = []
        await Poll.until(timeout: .seconds(5), every: .milliseconds(5)) {
            for process in descendants where exitMs[process.pid] == nil {
                if let now = ProcessTable.entry(pid: process.pid), now.startedAt == process.startedAt, now.state != "Z" {
                    if now.parent != first.pid { adopters.insert(now.parent) }
                } else {
                    exitMs[process.pid] = ProcessTable.bootClock() - killedAt
                }
            }
            return exitMs.count == descendants.count
        }
        let survivors = descendants.filter(ProcessTable.isAlive)
        let leftovers = ProcessTable.all().filter { $0.state != "Z" && $0.arguments.contains { $0.contains(world.directory) } }
        let stillActive = try await activeJobs(world, size).values.reduce(0) { $0 + $1.count }

        // A new supervisor on the same topology: every job must complete.
        _ = try world.startSupervisor(config: config, log: "supervisor-2.log")
        let restartedAt = ContinuousClock.now
        let finished = await Poll.until(timeout: .seconds(scale == .short ? 60 : 600), every: .milliseconds(50)) {
            await world.completedCount(in: size.queues) >= size.jobs
        }
        let recovery = restartedAt.duration(to: .now)

        let missing = try await world.notCompleted(ids)
        let lost = missing.values.reduce(0) { $0 + $1.count }
        let heldLost = held.reduce(0) { count, entry in
            count + entry.value.filter { missing[entry.key]?.contains($0.id) == true }.count
        }
        let oldPIDs = Set(descendants.map(\.pid))
        let reruns = world.ledger.rerunJobs
        let unexplained = reruns.filter { _, starts in starts.dropLast().contains { !oldPIDs.contains($0.pid) } }
        let heldCount = held.values.reduce(0) { $0 + $1.count }
        let exits = Distribution(Array(exitMs.values))

        report.figure("jobs", "\(size.jobs) over \(size.queues.count) queues, 2 processes x concurrency \(size.concurrency) each, 1-\(size.maxMs) ms")
        report.figure("at the kill", "\(doneAtKill) jobs done, \(heldCount) running in \(workers.count) workers (\(descendants.count) processes under the supervisor)")
        report.figure("worker exit after the kill", exits.summary())
        report.figure("adopted while exiting by", adopters.isEmpty ? "nobody seen" : adopters.sorted().map { "pid \($0)" }.joined(separator: ", "))
        report.figure("jobs still active in Redis once the workers were gone", stillActive)
        report.figure("recovery", "\(String(format1: recovery.inSeconds)) s from the new supervisor's start to the last job")
        report.figure("jobs run more than once", "\(reruns.count) (first runs in the killed supervisor's workers: \(reruns.count - unexplained.count))")

        let unexited = descendants.count - exitMs.count
        report.check("every worker exits within 2 s", unexited == 0 && exits.max <= 2_000,
                     "max \(Int(exits.max.rounded())) ms, \(unexited) of \(descendants.count) still running after 5 s")
        report.check("no orphan process", survivors.isEmpty && leftovers.isEmpty,
                     "\(survivors.count) processes of the killed supervisor alive, \(leftovers.count) naming the scenario's folder"
                        + (leftovers.isEmpty ? "" : ": \(leftovers.prefix(3).map { "\($0.pid) \($0.arguments.prefix(3).joined(separator: " "))" })"))
        report.check("all their jobs recovered once a supervisor runs again", finished && lost == 0 && heldLost == 0,
                     "lost \(lost) of \(size.jobs); \(heldCount - heldLost) of the \(heldCount) running at the kill completed")
        report.check("a job ran twice only if its first run was in a worker of the killed supervisor", unexplained.isEmpty,
                     unexplained.isEmpty ? "\(reruns.count) reruns, all first run before the kill" : "unexplained: \(unexplained.keys.sorted().prefix(5))")
        return report
    }

    /// The running jobs of every queue, by queue.
    private func activeJobs(_ world: BatteryWorld, _ size: Size) async throws -> [String: [Job]] {
        var jobs: [String: [Job]] = [:]
        for queueName in size.queues { jobs[queueName] = try await world.queue(queueName).jobs(.active, limit: 1_000).jobs }
        return jobs
    }
}
