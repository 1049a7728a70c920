import BullpenCore
import Foundation
import Synchronization

/// Scenario 1: worker processes are SIGKILLed at random while jobs run. No job may be lost, a job may
/// run twice only when its worker was killed, every killed worker is replaced within 2 s, and the jobs
/// it held are back in their queue within 1 s.
public struct WorkerCrashes: Scenario {
    public let name = "worker-crashes"
    public let summary = "random SIGKILLs of worker processes under load: nothing lost, fast replacement and release"

    struct Size {
        var jobs: Int, kills: Int, maxMs: Int, concurrency: Int
    }

    static func size(_ scale: BatteryScale) -> Size {
        switch scale {
        case .short: Size(jobs: 1_500, kills: 8, maxMs: 20, concurrency: 5)
        case .long: Size(jobs: 50_000, kills: 100, maxMs: 50, concurrency: 10)
        }
    }

    static let queues = ["alpha", "beta", "gamma"]

    public init() {}

    public func run(in world: BatteryWorld, scale: BatteryScale) async throws -> ScenarioReport {
        let size = Self.size(scale)
        var report = ScenarioReport(scenario: name)
        try world.startRedis()
        // Kills come faster than the default quick-death window (10 s), so the restart policy is one an
        // operator would pick for this kill rate: a short first backoff, capped at 1 s, never fatal.
        let config = try world.writeTopology(
            queues: Self.queues.map { "  \($0): { processes: 2, concurrency: \(size.concurrency), max_crashes: 50 }" }.joined(separator: "\n"),
            settings: "restart: { backoff_start: 200ms, backoff_max: 1s, quick_death: 1s, fatal_after: 1000 }")
        let ids = try await world.addSpread(size.jobs, over: Self.queues, ms: 1...size.maxMs)
        let supervisor = try world.startSupervisor(config: config)
        let started = ContinuousClock.now
        _ = try await world.waitForWorkers(of: supervisor, count: 6)

        // Kill at random, spread over the expected run; each kill is followed up by a task of its own.
        let expected = Double(size.jobs) * Double(size.maxMs) / 2 / Double(6 * size.concurrency) / 1000
        let interval = max(0.05, expected * 0.8 / Double(size.kills))
        var followUps: [Task<KillOutcome, Never>] = []
        var killedPIDs: Set<Int32> = []
        let sightings = WorkerSightings()
        var generator = SystemRandomNumberGenerator()
        while followUps.count < size.kills {
            try await Task.sleep(for: .seconds(Double.random(in: interval * 0.5...interval * 1.5, using: &generator)))
            let candidates = sightings.note(supervisor.workers).filter { !killedPIDs.contains($0.pid) }
            guard let victim = candidates.randomElement(using: &generator) else { continue }
            let queue = try world.queue(victim.queue)
            let held = try await Self.jobsHeld(by: victim.workerID, in: world, queue: victim.queue)
            kill(victim.pid, SIGKILL)
            killedPIDs.insert(victim.pid)
            followUps.append(Task { await Self.followUp(victim, held: held, queue: queue, supervisor: supervisor, sightings: sightings) })
        }
        var outcomes: [KillOutcome] = []
        for task in followUps { outcomes.append(await task.value) }

        // Every job must complete; wait for the queues to empty.
        let total = size.jobs
        let finished = await Poll.until(timeout: .seconds(scale == .short ? 60 : 600), every: .milliseconds(100)) {
            await world.completedCount(in: Self.queues) >= total
        }
        let elapsed = started.duration(to: .now)
        let lost = try await world.notCompleted(ids).values.reduce(0) { $0 + $1.count }
        let ledger = world.ledger
        let reruns = ledger.rerunJobs
        // A job ran twice legitimately only when every start but the last was in a killed process.
        let unexplained = reruns.filter { _, starts in starts.dropLast().contains { !killedPIDs.contains($0.pid) } }
        let replaced = Distribution(outcomes.compactMap(\.replacedMs))
        let released = Distribution(outcomes.compactMap(\.releasedMs))
        let heldJobs = outcomes.reduce(0) { $0 + $1.held }

        report.figure("jobs", "\(size.jobs) over \(Self.queues.count) queues, 2 processes x concurrency \(size.concurrency) each, 1-\(size.maxMs) ms")
        report.figure("SIGKILLs", outcomes.count)
        report.figure("run time", "\(String(format1: elapsed.inSeconds)) s (\(Int(Double(size.jobs) / elapsed.inSeconds)) jobs/s)")
        report.figure("jobs held by killed workers", heldJobs)
        report.figure("jobs run more than once", reruns.count)
        report.figure("replacement time", replaced.summary())
        report.figure("replacements killed before their watcher saw them", outcomes.filter(\.replacementGoneWhenSeen).count)
        report.figure("release time", released.summary())
        report.check("every job completed", finished && lost == 0, "lost \(lost) of \(size.jobs)")
        report.check("a job ran twice only if its worker was killed", unexplained.isEmpty,
                     unexplained.isEmpty ? "\(reruns.count) reruns, all after a kill" : "unexplained: \(unexplained.keys.sorted().prefix(5))")
        let unreplaced = outcomes.filter { $0.replacedMs == nil }.count
        report.check("every killed worker replaced within 2 s", unreplaced == 0 && replaced.max <= 2_000,
                     "max \(Int(replaced.max)) ms, \(unreplaced) not replaced")
        let unreleased = outcomes.filter { $0.held > 0 && $0.releasedMs == nil }.count
        report.check("the jobs of a killed worker back in the queue within 1 s", unreleased == 0 && released.max <= 1_000,
                     "max \(Int(released.max)) ms, \(unreleased) kills with jobs still held")
        return report
    }

    /// What happened after one kill.
    struct KillOutcome: Sendable {
        var held: Int
        var replacedMs: Double?
        var replacementGoneWhenSeen = false
        var releasedMs: Double?
    }

    /// The ids of the jobs a worker holds (running under its id).
    static func jobsHeld(by workerID: String, in world: BatteryWorld, queue: String) async throws -> [String] {
        let page = try await world.queue(queue).jobs(.active, limit: 1_000)
        return page.jobs.filter { $0.workerID == workerID }.map(\.id)
    }

    /// Watches one killed worker's slot until it runs a new worker (up to 5 s) and its jobs left its
    /// name (up to 5 s).
    static func followUp(
        _ victim: WorkerInfo, held: [String], queue: Queue, supervisor: SupervisorUnderTest, sightings: WorkerSightings
    ) async -> KillOutcome {
        let killedAt = ContinuousClock.now
        let killedAtBoot = ProcessTable.bootClock()
        let slot = victim.workerID.split(separator: ":").dropLast().joined(separator: ":")
        var outcome = KillOutcome(held: held.count)
        var pending = Set(held)
        _ = await Poll.until(timeout: .seconds(5), every: .milliseconds(10)) {
            // The replacement's start time comes from the kernel: the figure does not depend on polling.
            // The sightings hold a replacement that was killed in turn before this poll saw it.
            let live = outcome.replacedMs == nil ? sightings.note(supervisor.workers) : []
            if outcome.replacedMs == nil, let replacement = sightings.successor(of: victim, inSlot: slot) {
                outcome.replacedMs = max(0, replacement.startedAt - killedAtBoot)
                outcome.replacementGoneWhenSeen = !live.contains(replacement)
            }
            if outcome.releasedMs == nil {
                for id in pending {
                    if let job = try? await queue.job(id), job.state != .active || job.workerID != victim.workerID {
                        pending.remove(id)
                    }
                }
                if pending.isEmpty { outcome.releasedMs = killedAt.duration(to: .now).inMilliseconds }
            }
            return outcome.replacedMs != nil && outcome.releasedMs != nil
        }
        return outcome
    }
}
