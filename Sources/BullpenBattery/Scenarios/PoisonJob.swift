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
        case .short: Size(jobs: 2_000, minMs: 20, maxMs: 40, concurrency: 5)
        case .long: Size(jobs: 10_000, minMs: 5, maxMs: 25, concurrency: 10)
        }
    }

    static let queue = "alpha"
    static let maxCrashes = 3
    /// The restart policy, as an operator who expects the odd poison job would set it. With the defaults
    /// (backoff_start 1s, quick_death 10s) every crash of a worker younger than 10 s is a quick death,
    /// and the poison job's three crashes cost the queue 1 s + 1 s + 2 s of a process: the backoff, not
    /// the crash, would dominate. quick_death 1s is supervisord's `startsecs` (a worker that ran for a
    /// second has started; a later crash is a job's fault, which `max_crashes` handles), backoff_start
    /// 100ms is systemd's `RestartSec`; a worker that cannot start still goes fatal after 5 tries.
    static let restartLine = "restart: { backoff_start: 100ms, quick_death: 1s }"

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
        func work(_ index: Int) -> BatteryWork { BatteryWork.spread(index, over: size.minMs...size.maxMs) }

        // The baseline runs before and after the poison run, and the poison run is compared with their
        // mean: on a shared machine the load drifts, and a drift then moves both sides alike.
        let poisonID = "poison"
        var batches: [[String]] = []
        var runTime = Duration.zero
        var completedAll = true
        for (number, prefix) in ["base1", "good", "base2"].enumerated() {
            let ids = (0..<size.jobs).map { "\(prefix)-\($0)" }
            // The poison job goes a quarter of the way in, so that its crashes fall amid the good jobs.
            let poisoned = prefix == "good"
            let line = poisoned ? Array(ids[..<(size.jobs / 4)]) + [poisonID] + ids[(size.jobs / 4)...] : ids
            let started = ContinuousClock.now
            try await addPaused(line, to: queue, world: world) { index in
                line[index] == poisonID ? BatteryWork(ms: 1, abort: true) : work(Int(line[index].split(separator: "-").last!)!)
            }
            let done = await Poll.until(timeout: timeout, every: .milliseconds(50)) {
                let counts = try? await queue.counts()
                return (counts?.completed ?? 0) >= (number + 1) * size.jobs && (!poisoned || (counts?.deadLetter ?? 0) >= 1)
            }
            if poisoned { runTime = started.duration(to: .now) }
            completedAll = completedAll && done
            batches.append(ids)
            if !done { break }
        }
        watch.stop()

        let ledger = world.ledger
        let spans = batches.map { Self.span(of: Set($0), in: ledger) }
        let baseRates = [spans.first, spans.count > 2 ? spans[2] : nil].compactMap { $0 }.map { Double(size.jobs) / max($0, 1) * 1000 }
        let baseRate = baseRates.reduce(0, +) / Double(max(baseRates.count, 1))
        let run = spans.count > 1 ? spans[1] : 0
        let runRate = Double(size.jobs) / max(run, 1) * 1000
        let runDone = completedAll
        let completed = Set(try await world.ids(in: \.completed, of: Self.queue))
        let lost = batches.joined().filter { !completed.contains($0) }
        let dead = try await queue.deadLetters(limit: 100)
        let poisonEntry = dead.entries.first { $0.id == poisonID }
        let poisonStarts = ledger.startsByJob["\(Self.queue)/\(poisonID)"] ?? []
        let workers = watch.seen.filter { $0.worker != nil }
        let crashedWorkers = workers.filter { $0.goneAt != nil }
        // The ledger's clock is the wall clock; /proc's is the boot clock.
        let bootToWall = Double(BatteryWorld.now()) - ProcessTable.bootClock()
        let deathDelays = Distribution(poisonStarts.compactMap { start in
            workers.first { $0.entry.pid == start.pid }?.goneAt.map { $0 + bootToWall - Double(start.time) }
        })
        let firstStarts = Dictionary(ledger.entries(.started).map { ($0.pid, $0.time) }, uniquingKeysWith: min)
        let readyDelays = Distribution(workers.dropFirst(2).compactMap { worker in
            firstStarts[worker.entry.pid].map { Double($0) - (worker.entry.startedAt + bootToWall) }
        })

        report.figure("topology", "\(Self.queue): 2 processes x concurrency \(size.concurrency), max_crashes \(Self.maxCrashes)")
        report.figure("restart policy", "\(Self.restartLine) (the defaults 1s/10s would back off after every crash of a worker younger than 10 s)")
        report.figure("jobs", "\(size.jobs) good jobs of \(size.minMs)-\(size.maxMs) ms per run, 3 runs; the middle one adds 1 poison job")
        report.figure("baseline, before and after", zip(spans.indices, spans).filter { $0.0 != 1 }.map { "\(Int($0.1)) ms" }.joined(separator: ", ")
                      + ": \(Int(baseRate)) jobs/s on average")
        report.figure("with the poison job", "\(Int(run)) ms, \(Int(runRate)) jobs/s (\(String(format1: runTime.inSeconds)) s to the dead letter)")
        report.figure("worker processes", "\(workers.count) seen, \(crashedWorkers.count) ended")
        report.figure("poison start -> its worker gone", deathDelays.summary())
        report.figure("replacement spawn -> its first job", readyDelays.summary())
        let crashedPIDs = Set(crashedWorkers.map(\.entry.pid))
        let reruns = ledger.rerunJobs.filter { $0.key != "\(Self.queue)/\(poisonID)" }
        let blamedOnce = reruns.filter { _, starts in starts.dropLast().allSatisfy { crashedPIDs.contains($0.pid) } }
        report.figure("good jobs run again after sharing a crashed worker", "\(reruns.count) (\(blamedOnce.count) with every earlier run in a crashed worker)")
        report.figure("poison runs", poisonStarts.map { "pid \($0.pid)" }.joined(separator: ", "))
        report.figure("dead letters", dead.entries.map { "\($0.id) (\($0.crashes ?? 0) crashes: \($0.error))" }.joined(separator: "; "))

        let reasonNamesDeath = poisonEntry.map { $0.error.contains("worker killed by signal") || $0.error.contains("worker exited") } ?? false
        report.check("the poison job is dead-lettered after max_crashes with the crash reason",
                     runDone && poisonEntry != nil && poisonEntry?.crashes == Self.maxCrashes && reasonNamesDeath
                        && poisonStarts.count == Self.maxCrashes,
                     poisonEntry.map { "crashes \($0.crashes ?? 0) of \(Self.maxCrashes), ran \(poisonStarts.count) times: \($0.error)" } ?? "not in the dead-letter queue")
        let goodDead = dead.entries.filter { $0.id != poisonID }
        report.check("the good jobs all complete", lost.isEmpty && goodDead.isEmpty,
                     "\(lost.count) of \(3 * size.jobs) not completed, \(goodDead.count) good jobs dead-lettered" + (goodDead.isEmpty ? "" : ": \(goodDead.prefix(3).map(\.id))"))
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
