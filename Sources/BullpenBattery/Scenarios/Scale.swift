import BullpenCore
import BullpenRedis
import Foundation

/// Scenario 9: a large delayed set (long form: 1,000,000 jobs due over 10 minutes) next to a burst of
/// immediate jobs (100,000). Delayed jobs must start within 1 s of their due time (p99), no Lua script
/// call may take more than 20 ms (Redis SLOWLOG), and Redis memory per waiting job is reported.
///
/// The immediate jobs go to a queue of their own (`beta`), as an operator would isolate a backlog: in one
/// queue, delayed jobs coming due would wait behind the whole burst (they join the waiting line's end).
public struct Scale: Scenario {
    public let name = "scale"
    public let summary = "a huge delayed set beside a burst of immediate jobs: on-time starts, no slow script"

    struct Size {
        var delayed: Int, spread: Duration, immediate: Int, lead: Duration
    }

    static func size(_ scale: BatteryScale) -> Size {
        switch scale {
        case .short: Size(delayed: 8_000, spread: .seconds(10), immediate: 4_000, lead: .seconds(3))
        case .long: Size(delayed: 1_000_000, spread: .seconds(600), immediate: 100_000, lead: .seconds(90))
        }
    }

    public init() {}

    public func run(in world: BatteryWorld, scale: BatteryScale) async throws -> ScenarioReport {
        let size = Self.size(scale)
        var report = ScenarioReport(scenario: name)
        try world.startRedis()
        let client = world.pool.client()
        let config = try world.writeTopology(queues: """
              alpha: { processes: 2, concurrency: 10 }
              beta: { processes: 1, concurrency: 10 }
            """)

        // Every delayed job has a due time fixed in advance: first = start + lead, spread evenly after it.
        let memoryAtStart = try await usedMemory(client)
        let first = BatteryWorld.now() + size.lead.inMilliseconds.int64
        let step = size.spread.inMilliseconds / Double(size.delayed)
        func due(_ index: Int) -> Int64 { first + Int64(Double(index) * step) }
        let alpha = try world.queue("alpha")
        let addStart = ContinuousClock.now
        var index = 0
        while index < size.delayed {
            // Small batches, the clock read just before each: a job's delay is counted from the moment
            // Redis runs the add, so time spent between this read and the script makes the job due later
            // than `due(job)` and the measured lateness an overstatement, never an understatement.
            let end = min(index + 1_000, size.delayed)
            let now = BatteryWorld.now()
            var batch: [NewJob] = []
            for job in index..<end {
                batch.append(try NewJob("work", data: BatteryWork(ms: 0), options: JobOptions(
                    jobId: "d-\(job)", delay: .milliseconds(max(0, due(job) - now)))))
            }
            _ = try await alpha.addBulk(batch)
            index = end
        }
        let addedIn = addStart.duration(to: .now)
        let memoryDelayed = try await usedMemory(client)
        try await world.addJobs(to: try world.queue("beta"), ids: (0..<size.immediate).map { "i-\($0)" }) { _ in BatteryWork(ms: 0) }
        let memoryWaiting = try await usedMemory(client)
        _ = try await client.send(["SLOWLOG", "RESET"])

        let supervisor = try world.startSupervisor(config: config)
        _ = try await world.waitForWorkers(of: supervisor, count: 3)
        let total = size.delayed + size.immediate
        let deadline = Duration.milliseconds(max(0, due(size.delayed - 1) - BatteryWorld.now())) + .seconds(scale == .short ? 60 : 300)
        let finished = await Poll.until(timeout: deadline, every: .milliseconds(250)) {
            await world.completedCount(in: ["alpha", "beta"]) >= total
        }

        // Lateness of each delayed job: its first start in the ledger against its fixed due time.
        var firstStart: [Int: Int64] = [:]
        for entry in world.ledger.entries where entry.event == .started && entry.queue == "alpha" {
            guard let number = Int(entry.id.dropFirst(2)) else { continue }
            firstStart[number] = min(firstStart[number] ?? .max, entry.time)
        }
        let lateness = Distribution(firstStart.map { Double($0.value - due($0.key)) })
        let early = firstStart.filter { $0.value < due($0.key) - 5 }.count
        let slow = try await slowScripts(client)
        let completedAlpha = try await alpha.counts().completed
        let completedBeta = try await world.queue("beta").counts().completed

        report.figure("jobs", "\(size.delayed) delayed over \(Int(size.spread.inSeconds)) s (alpha, 2 x 10), \(size.immediate) immediate (beta, 1 x 10)")
        report.figure("delayed jobs added in", "\(String(format1: addedIn.inSeconds)) s")
        report.figure("redis memory per delayed job", "\((memoryDelayed - memoryAtStart) / max(size.delayed, 1)) bytes")
        report.figure("redis memory per waiting job", "\((memoryWaiting - memoryDelayed) / max(size.immediate, 1)) bytes")
        report.figure("start lateness of delayed jobs", lateness.summary())
        report.figure("slow log (over 20 ms)", slow.all.isEmpty ? "empty" : slow.all.prefix(5).joined(separator: "; "))
        report.check("every job completed", finished && completedAlpha == size.delayed && completedBeta == size.immediate,
                     "\(completedAlpha) of \(size.delayed) delayed, \(completedBeta) of \(size.immediate) immediate")
        report.check("delayed jobs start within 1 s of their time (p99)", lateness.values.count == size.delayed && lateness.percentile(0.99) <= 1_000,
                     "p99 \(Int(lateness.percentile(0.99))) ms over \(lateness.values.count) jobs")
        report.check("no delayed job starts early", early == 0, "\(early) started more than 5 ms before their time")
        report.check("no Lua script call over 20 ms", slow.scripts.isEmpty,
                     slow.scripts.isEmpty ? "none in SLOWLOG" : slow.scripts.prefix(3).joined(separator: "; "))
        return report
    }

    private func usedMemory(_ client: RedisClient) async throws -> Int {
        let info = try await client.send(["INFO", "memory"], idempotent: true).string ?? ""
        let line = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("used_memory:") }
        return line.flatMap { Int($0.dropFirst("used_memory:".count)) } ?? 0
    }

    /// Every SLOWLOG entry as `COMMAND 23 ms`, and those of script calls.
    private func slowScripts(_ client: RedisClient) async throws -> (all: [String], scripts: [String]) {
        let entries = try await client.send(["SLOWLOG", "GET", "1024"], idempotent: true).array ?? []
        var all: [String] = [], scripts: [String] = []
        for entry in entries {
            guard let fields = entry.array, fields.count >= 4, let micros = fields[2].int,
                let command = fields[3].array?.first?.string?.uppercased()
            else { continue }
            let text = "\(command) \(micros / 1000) ms"
            all.append(text)
            if ["EVALSHA", "EVAL", "EVALSHA_RO", "EVAL_RO", "FCALL"].contains(command) { scripts.append(text) }
        }
        return (all, scripts)
    }
}

extension Double {
    /// Rounded to the nearest whole number.
    var int64: Int64 { Int64(rounded()) }
}
