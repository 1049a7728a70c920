import BullpenCore
import Foundation

/// Scenario 6: one job whose handler aborts its process every time, among good ones. It must land in the
/// dead-letter queue after `max_crashes` crashes with the reason, every good job must complete, and the
/// queue's throughput must stay at 80% or more of a baseline run of as many good jobs without it,
/// measured in the same scenario run on the same topology.
public struct PoisonJob: Scenario {
    public let name = "poison-job"
    public let summary = "a job that aborts its worker every time is dead-lettered after max_crashes; the good jobs keep 80% of the throughput"

    struct Size {
        var jobs: Int, minMs: Int, maxMs: Int, concurrency: Int
    }

    static func size(_ scale: BatteryScale) -> Size {
        switch scale {
        case .short: Size(jobs: 1_500, minMs: 5, maxMs: 25, concurrency: 5)
        case .long: Size(jobs: 10_000, minMs: 5, maxMs: 25, concurrency: 10)
        }
    }

    static let queue = "alpha"
    static let maxCrashes = 3
    /// The restart policy of the topology (see the figure).
    static let restartLine = ProcessInfo.processInfo.environment["BATTERY_RESTART"] ?? ""

    public init() {}

    public func run(in world: BatteryWorld, scale: BatteryScale) async throws -> ScenarioReport {
        let size = Self.size(scale)
        var report = ScenarioReport(scenario: name)
        try world.startRedis()
        let config = try world.writeTopology(
            queues: "  \(Self.queue): { processes: 2, concurrency: \(size.concurrency), max_crashes: \(Self.maxCrashes) }",
            settings: Self.restartLine)
        let queue = try world.queue(Self.queue)
        let supervisor = try world.startSupervisor(config: config)
        let watch = ChildWatch(parent: supervisor.pid)
        defer { watch.stop() }
        _ = try await world.waitForWorkers(of: supervisor, count: 2)
        let timeout = Duration.seconds(scale == .short ? 60 : 600)
        func work(_ index: Int) -> BatteryWork { BatteryWork(ms: size.minMs + (index &* 7919) % (size.maxMs - size.minMs + 1)) }

        // The baseline: the good jobs alone.
        let baseIDs = (0..<size.jobs).map { "base-\($0)" }
        try await addPaused(baseIDs, to: queue, world: world, work: work)
        let baseDone = await Poll.until(timeout: timeout, every: .milliseconds(50)) {
            ((try? await queue.counts().completed) ?? 0) >= size.jobs
        }
        guard baseDone else { throw BatteryError(.timeout, "the baseline did not complete in \(timeout); log: \(supervisor.log.suffix(800))") }

        // The same again with one poison job a quarter of the way in, so its crashes fall amid the good jobs.
        let goodIDs = (0..<size.jobs).map { "good-\($0)" }
        let poisonID = "poison"
        let poisonAt = size.jobs / 4
        let runStarted = ContinuousClock.now
        let runIDs = Array(goodIDs[..<poisonAt]) + [poisonID] + goodIDs[poisonAt...]
        try await addPaused(runIDs, to: queue, world: world) { index in
            runIDs[index] == poisonID ? BatteryWork(ms: 1, abort: true) : work(index)
        }
        let runDone = await Poll.until(timeout: timeout, every: .milliseconds(50)) {
            let counts = try? await queue.counts()
            return (counts?.completed ?? 0) >= 2 * size.jobs && (counts?.deadLetter ?? 0) >= 1
        }
        let runTime = runStarted.duration(to: .now)
        watch.stop()

        let ledger = world.ledger
        let base = Self.span(of: Set(baseIDs), in: ledger)
        let run = Self.span(of: Set(goodIDs), in: ledger)
        let baseRate = Double(size.jobs) / max(base, 1) * 1000
        let runRate = Double(size.jobs) / max(run, 1) * 1000
        let completed = Set(try await world.ids(in: \.completed, of: Self.queue))
        let lost = (baseIDs + goodIDs).filter { !completed.contains($0) }
        let dead = try await queue.deadLetters(limit: 100)
        let poisonEntry = dead.entries.first { $0.id == poisonID }
        let poisonStarts = ledger.startsByJob["\(Self.queue)/\(poisonID)"] ?? []
        let workers = watch.seen.filter { $0.worker != nil }
        let crashedWorkers = workers.filter { $0.goneAt != nil }

        report.figure("topology", "\(Self.queue): 2 processes x concurrency \(size.concurrency), max_crashes \(Self.maxCrashes)")
        report.figure("restart policy", Self.restartLine.isEmpty ? "defaults" : Self.restartLine)
        report.figure("jobs", "\(size.jobs) good jobs of \(size.minMs)-\(size.maxMs) ms per run; the poison run adds 1 poison job")
        report.figure("baseline", "\(Int(base)) ms, \(Int(baseRate)) jobs/s")
        report.figure("with the poison job", "\(Int(run)) ms, \(Int(runRate)) jobs/s (\(String(format1: runTime.inSeconds)) s to the dead letter)")
        report.figure("worker processes", "\(workers.count) seen, \(crashedWorkers.count) ended")
        report.figure("poison runs", poisonStarts.map { "pid \($0.pid)" }.joined(separator: ", "))
        report.figure("dead letters", dead.entries.map { "\($0.id) (\($0.crashes ?? 0) crashes: \($0.error))" }.joined(separator: "; "))

        let reasonNamesDeath = poisonEntry.map { $0.error.contains("worker killed by signal") || $0.error.contains("worker exited") } ?? false
        report.check("the poison job is dead-lettered after max_crashes with the crash reason",
                     runDone && poisonEntry != nil && poisonEntry?.crashes == Self.maxCrashes && reasonNamesDeath
                        && poisonStarts.count == Self.maxCrashes,
                     poisonEntry.map { "crashes \($0.crashes ?? 0) of \(Self.maxCrashes), ran \(poisonStarts.count) times: \($0.error)" } ?? "not in the dead-letter queue")
        let goodDead = dead.entries.filter { $0.id != poisonID }
        report.check("the good jobs all complete", lost.isEmpty && goodDead.isEmpty,
                     "\(lost.count) of \(2 * size.jobs) not completed, \(goodDead.count) good jobs dead-lettered" + (goodDead.isEmpty ? "" : ": \(goodDead.prefix(3).map(\.id))"))
        let ratio = runRate / max(baseRate, 1)
        report.check("throughput with the poison job at least 80% of the baseline", ratio >= 0.8,
                     "\(Int((ratio * 100).rounded()))% (\(Int(runRate)) vs \(Int(baseRate)) jobs/s)")
        return report
    }

    /// Adds jobs to a paused queue and resumes it, so that the run starts with every job in line.
    private func addPaused(_ ids: [String], to queue: Queue, world: BatteryWorld, work: (Int) -> BatteryWork) async throws {
        _ = try await queue.pause()
        try await world.addJobs(to: queue, ids: ids, work: work)
        _ = try await queue.resume()
    }

    /// Milliseconds from the first start to the last done of `ids` in the ledger.
    static func span(of ids: Set<String>, in ledger: Ledger) -> Double {
        let entries = ledger.entries.filter { ids.contains($0.id) }
        guard let first = entries.filter({ $0.event == .started }).map(\.time).min(),
            let last = entries.filter({ $0.event == .done }).map(\.time).max()
        else { return 0 }
        return Double(last - first)
    }
}
