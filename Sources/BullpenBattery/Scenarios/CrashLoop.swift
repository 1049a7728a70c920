import BullpenCore
import Foundation

/// Scenario 7: a queue whose worker cannot start (`broken`: the battery app has no handler for it, so
/// each of its workers exits 78 at once) next to a healthy queue with jobs. The broken slot must reach
/// `fatal` after `restart.fatal_after` spawns, no more, with the configured doubling backoff between
/// them, while the healthy queue's jobs all complete and its workers are never touched.
public struct CrashLoop: Scenario {
    public let name = "crash-loop"
    public let summary = "a queue whose worker cannot start goes fatal after the configured spawns, with backoff; the other queue runs on"

    struct Size {
        var jobs: Int, minMs: Int, maxMs: Int, concurrency: Int
        /// The topology's `restart:` line ("" for the defaults) and the policy it amounts to (README).
        var restartLine: String, backoffStartMs: Double, backoffMaxMs: Double, fatalAfter: Int
        /// How far a measured wait may exceed its backoff: the supervisor's 100 ms tick, the spawn, a
        /// loaded machine.
        var slackMs: Double
    }

    static func size(_ scale: BatteryScale) -> Size {
        switch scale {
        case .short:
            // Only the first backoff differs from the defaults (1s), so that the loop takes ~3 s, not 15 s.
            Size(jobs: 1_500, minMs: 10, maxMs: 40, concurrency: 5, restartLine: "restart: { backoff_start: 200ms }",
                 backoffStartMs: 200, backoffMaxMs: 60_000, fatalAfter: 5, slackMs: 500)
        case .long:
            // The default policy: backoff 1s doubling to 1m, fatal after 5 quick deaths within 10s.
            Size(jobs: 10_000, minMs: 10, maxMs: 40, concurrency: 10, restartLine: "",
                 backoffStartMs: 1_000, backoffMaxMs: 60_000, fatalAfter: 5, slackMs: 500)
        }
    }

    static let healthy = "alpha"
    static let broken = "broken"

    public init() {}

    /// The backoff after the `n`-th quick death in a row (from 1), as the README states it.
    static func backoff(after n: Int, _ size: Size) -> Double {
        min(size.backoffStartMs * pow(2, Double(n - 1)), size.backoffMaxMs)
    }

    public func run(in world: BatteryWorld, scale: BatteryScale) async throws -> ScenarioReport {
        let size = Self.size(scale)
        var report = ScenarioReport(scenario: name)
        try world.startRedis()
        let config = try world.writeTopology(
            queues: """
                  \(Self.healthy): { processes: 2, concurrency: \(size.concurrency) }
                  \(Self.broken): { processes: 1 }
                """,
            settings: size.restartLine)
        let ids = (0..<size.jobs).map { "\(Self.healthy)-\($0)" }
        let queue = try world.queue(Self.healthy)
        try await world.addJobs(to: queue, ids: ids) { index in
            BatteryWork.spread(index, over: size.minMs...size.maxMs)
        }
        let supervisor = try world.startSupervisor(config: config)
        let watch = ChildWatch(parent: supervisor.pid)
        defer { watch.stop() }
        let started = ContinuousClock.now

        // The loop: fatal_after spawns with the backoffs between them, plus each worker's short life.
        let loopSeconds = (1..<size.fatalAfter).reduce(0) { $0 + Self.backoff(after: $1, size) } / 1000
        let fatalLine = "fatal: queue \(Self.broken) slot 0:"
        let wentFatal = await Poll.until(timeout: .seconds(loopSeconds + 20), every: .milliseconds(20)) {
            supervisor.log.contains(fatalLine)
        }
        let fatalAfter = started.duration(to: .now)
        let doneAtFatal = (try? await queue.counts().completed) ?? 0
        var published: [PublishedSlot] = []
        let publishedFatal = await Poll.until(timeout: .seconds(10), every: .milliseconds(50)) {
            published = (try? await world.publishedSlots(of: supervisor)) ?? []
            return published.contains { $0.queue == Self.broken && $0.state == "fatal" }
        }

        // A spawn after fatal would come after the next backoff: watch that long, and a second more.
        let window = Self.backoff(after: size.fatalAfter, size) / 1000 + 1
        func brokenSpawns() -> [ChildWatch.Sighting] { watch.seen.filter { $0.worker?.queue == Self.broken } }
        func loggedSpawns() -> Int {
            supervisor.log.components(separatedBy: "queue \(Self.broken) slot 0: started worker pid").count - 1
        }
        let extraSpawn = await Poll.until(timeout: .seconds(window), every: .milliseconds(20)) {
            brokenSpawns().count > size.fatalAfter || loggedSpawns() > size.fatalAfter
        }
        let finished = await Poll.until(timeout: .seconds(scale == .short ? 30 : 300), every: .milliseconds(100)) {
            ((try? await queue.counts().completed) ?? 0) >= size.jobs
        }
        let elapsed = started.duration(to: .now)
        watch.stop()

        let spawns = brokenSpawns()
        let logged = loggedSpawns()
        let healthyWorkers = watch.seen.filter { $0.worker?.queue == Self.healthy }
        let completed = Set(try await world.ids(in: \.completed, of: Self.healthy))
        let lost = ids.filter { !completed.contains($0) }.count
        let notInLedger = ids.count - world.ledger.doneJobs.filter { $0.hasPrefix(Self.healthy + "/") }.count

        // Each wait runs from the death (between the last look that saw the worker and the first that did
        // not) to the kernel's start time of the next spawn (10 ms resolution).
        var waits: [(expected: Double, least: Double, most: Double)] = []
        for (n, pair) in zip(spawns, spawns.dropFirst()).enumerated() {
            guard let gone = pair.0.goneAt else { continue }
            waits.append((Self.backoff(after: n + 1, size), pair.1.entry.startedAt - gone, pair.1.entry.startedAt - pair.0.lastSeenAt))
        }
        let lifetimes = Distribution(spawns.compactMap { spawn in spawn.goneAt.map { $0 - spawn.entry.startedAt } })

        report.figure("topology", "\(Self.healthy): 2 processes x concurrency \(size.concurrency); \(Self.broken): 1 process (no handler: exits 78)")
        report.figure("restart policy", size.restartLine.isEmpty ? "the defaults (backoff_start 1s, backoff_max 1m, quick_death 10s, fatal_after 5)"
                      : "\(size.restartLine) (the rest default: backoff_max 1m, quick_death 10s, fatal_after \(size.fatalAfter))")
        report.figure("\(Self.healthy) jobs", "\(size.jobs) of \(size.minMs)-\(size.maxMs) ms; \(doneAtFatal) done when the slot went fatal")
        report.figure("fatal after", "\(String(format1: fatalAfter.inSeconds)) s")
        report.figure("spawns of \(Self.broken)", "\(spawns.count) seen in /proc, \(logged) in the supervisor's log")
        report.figure("broken worker lifetime", lifetimes.summary())
        report.figure("waits death -> next spawn", waits.map { "\(Int($0.expected))->\(Int($0.least))..\(Int($0.most))" }.joined(separator: ", ") + " ms (configured->measured)")
        report.figure("run time", "\(String(format1: elapsed.inSeconds)) s")

        report.check("the broken slot reaches fatal", wentFatal && publishedFatal,
                     wentFatal ? "logged fatal; published state \(published.first { $0.queue == Self.broken }?.state ?? "none")" : "no fatal line after \(String(format1: fatalAfter.inSeconds)) s")
        report.check("fatal after restart.fatal_after spawns, no more", spawns.count == size.fatalAfter && logged == size.fatalAfter && !extraSpawn,
                     "\(spawns.count) spawns seen, \(logged) logged, configured \(size.fatalAfter); watched \(String(format1: window)) s after fatal")
        // A kernel start time is rounded down to 10 ms: a wait may look up to 10 ms shorter than it was.
        let early = waits.filter { $0.most + 12 < $0.expected }
        let late = waits.filter { $0.least > $0.expected + size.slackMs }
        report.check("backoff doubling between spawns", waits.count == size.fatalAfter - 1 && early.isEmpty && late.isEmpty,
                     "\(waits.count) waits; \(early.count) shorter than configured, \(late.count) more than \(Int(size.slackMs)) ms longer")
        let restartedHealthy = healthyWorkers.filter { $0.goneAt != nil }.count
        report.check("the other queue's jobs all complete, its workers untouched",
                     finished && lost == 0 && notInLedger == 0 && healthyWorkers.count == 2 && restartedHealthy == 0,
                     "lost \(lost) of \(size.jobs) (\(notInLedger) not done in the ledger); \(healthyWorkers.count) workers seen, \(restartedHealthy) ended")
        return report
    }
}
