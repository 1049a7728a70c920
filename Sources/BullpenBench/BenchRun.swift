import BullpenRedis
import Foundation

/// One benchmark run: starts the private server, then per repetition measures the `redis-benchmark`
/// baselines, the client-overhead loops, the queue phases (events on and off) and the bare-script loops,
/// one after another, so that every ratio compares figures taken seconds apart on the same server.
struct BenchRun: Sendable {
    let options: BenchOptions

    /// The one-line script `redis-benchmark` and the reference loops call.
    static let counterScript = "return redis.call('INCR', KEYS[1])"

    func run() async throws -> BenchResults {
        let target = try BenchTarget(transport: options.transport)
        defer { target.server.stop() }
        let admin = RedisClient(target.configuration)
        let version = try await Self.info(admin, "redis_version")
        var results = BenchResults(
            jobs: options.jobs, reps: options.reps, transport: target.address, redisVersion: version,
            cores: ProcessInfo.processInfo.activeProcessorCount, loadAverageAtStart: Self.loadAverage())
        let load = MachineLoad.read(serverPID: target.server.pid)
        for rep in 1...options.reps {
            try await admin.send(["FLUSHALL"]).orThrow(command: "FLUSHALL")
            guard let sha = try await admin.send(["SCRIPT", "LOAD", Self.counterScript]).orThrow(command: "SCRIPT LOAD").string else {
                throw BenchError(.redis, "SCRIPT LOAD answered no digest")
            }
            if options.phases.contains(.baseline) {
                let single = RedisBenchmarkRun(clients: 1, pipeline: 1, requests: options.baselineSingleRequests)
                let pipelined = RedisBenchmarkRun(clients: 50, pipeline: 16, requests: options.baselinePipelinedRequests)
                try await record(rep, .baselineSingle, results: &results) {
                    try await baseline(single, sha: sha, target: target, admin: admin)
                }
                try await record(rep, .baselinePipelined, results: &results) {
                    try await baseline(pipelined, sha: sha, target: target, admin: admin)
                }
            }
            if options.phases.contains(.raw) {
                let loops = EvalshaLoops(target: target, admin: admin, sha: sha, calls: options.jobs)
                try await record(rep, .rawConnection, results: &results) { try await loops.connection() }
                try await record(rep, .rawClient, results: &results) { try await loops.client() }
                try await record(rep, .rawClientOnThread, results: &results) { try await loops.client(onConnectionThread: true) }
            }
            for events in [true, false] {
                let phases = QueuePhases(target: target, admin: admin, jobs: options.jobs, events: events)
                if options.phases.contains(.single) {
                    try await record(rep, events ? .singleAdd : .singleAddNoEvents, results: &results) { try await phases.singleAdd() }
                    if events {
                        try await record(rep, .singleAddOnThread, results: &results) { try await phases.singleAdd(onConnectionThread: true) }
                    }
                }
                if options.phases.contains(.bulk) {
                    try await record(rep, events ? .bulkAdd : .bulkAddNoEvents, results: &results) { try await phases.bulkAdd() }
                }
                if options.phases.contains(.cycle) {
                    try await record(rep, events ? .cycle : .cycleNoEvents, results: &results) { try await phases.cycles() }
                }
            }
            if options.phases.contains(.bare) {
                let bare = BareScriptLoops(target: target, admin: admin, jobs: options.jobs)
                try await record(rep, .bareAdd, results: &results) { try await bare.add() }
                try await record(rep, .bareCycle, results: &results) { try await bare.cycles() }
            }
        }
        await admin.close()
        results.otherCores = MachineLoad.read(serverPID: target.server.pid).otherCores(since: load)
        return results
    }

    private func baseline(_ run: RedisBenchmarkRun, sha: String, target: BenchTarget, admin: RedisClient) async throws -> Sample {
        let before = try await ServerStats.read(admin)
        let rate = try await run.run(sha: sha, target: target)
        let after = try await ServerStats.read(admin)
        // redis-benchmark's own start-up commands (CONFIG GET) are in the delta: negligible per request.
        return Sample(operations: run.requests, rate: rate, server: after.cost(since: before, operations: run.requests))
    }

    private func record(_ rep: Int, _ row: BenchRow, results: inout BenchResults, _ body: () async throws -> Sample) async throws {
        let sample = try await body()
        results.samples[row.rawValue, default: []].append(sample)
        Log.line("rep \(rep)  \(row.label.padding(toLength: 52, withPad: " ", startingAt: 0)) \(Int(sample.rate.rounded())) ops/s")
    }

    private static func info(_ client: RedisClient, _ field: String) async throws -> String {
        let text = try await client.send(["INFO", "server"]).string ?? ""
        let line = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix(field + ":") }
        return line.map { String($0.dropFirst(field.count + 1)) } ?? "?"
    }

    private static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
