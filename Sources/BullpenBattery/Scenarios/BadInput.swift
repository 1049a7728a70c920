import BullpenCore
import BullpenProcess
import Foundation

/// Scenario 8: bad input is rejected with a message that names the problem and the documented exit
/// code, and leaves Redis unchanged. The corpus (`BadInputCorpus`) holds broken topology files, bad job
/// options and payloads and bad command lines; the library is fed bad jobs too; and mutated copies of a
/// good topology file must each be accepted or rejected cleanly (exit 0 or 78 with a located message),
/// never crash the checker.
public struct BadInput: Scenario {
    public let name = "bad-input"
    public let summary = "broken topologies, job options, payloads and command lines: clear errors, Redis unchanged"

    static func mutants(_ scale: BatteryScale) -> Int { scale == .short ? 30 : 500 }

    public init() {}

    public func run(in world: BatteryWorld, scale: BatteryScale) async throws -> ScenarioReport {
        var report = ScenarioReport(scenario: name)
        try world.startRedis()
        // Some state to keep: waiting and delayed jobs of a known queue.
        let alpha = try world.queue("alpha")
        try await world.addJobs(to: alpha, ids: (0..<5).map { "seed-\($0)" }) { BatteryWork(ms: $0) }
        try await alpha.add("later", data: BatteryWork(ms: 1), options: JobOptions(delay: .seconds(3600)))
        let before = try await RedisSnapshot(client: world.pool.client())

        var failures: [String] = []
        for badCase in BadInputCorpus.all {
            if let problem = try await check(badCase, in: world) { failures.append(problem) }
        }
        let library = try await libraryFailures(alpha)
        failures += library.failures

        let mutantCount = Self.mutants(scale)
        var crashes: [String] = []
        var accepted = 0
        var mutator = TopologyMutator(seed: 7)
        for (index, text) in mutator.mutants(of: Self.goodTopology, count: mutantCount).enumerated() {
            let file = "mutant-\(index).yaml"
            try text.write(toFile: world.directory + "/" + file, atomically: true, encoding: .utf8)
            let result = try await runApp(["check", file], in: world)
            let output = result.text
            switch result.status {
            case .exited(code: 0): accepted += 1
            case .exited(code: 78) where output.contains("\(file):"): break
            default: crashes.append("\(file): \(result.status): \(output.suffix(200))")
            }
        }
        let after = try await RedisSnapshot(client: world.pool.client())
        let changed = after.changedKeys(from: before)

        let cases = BadInputCorpus.all.count + library.count
        report.figure("cases", "\(BadInputCorpus.topologies.count) topology files, \(BadInputCorpus.jobs.count) job options and payloads, \(BadInputCorpus.commandLines.count) command lines, \(library.count) library calls")
        report.figure("mutated topologies", "\(mutantCount) (\(accepted) still valid, \(mutantCount - accepted - crashes.count) rejected with a located message)")
        report.figure("keys compared", before.values.count)
        report.check("every bad input rejected with its exit code and a message naming the problem", failures.isEmpty,
                     failures.isEmpty ? "\(cases) of \(cases)" : failures.prefix(6).joined(separator: "; "))
        report.check("no mutated topology crashes the checker", crashes.isEmpty,
                     crashes.isEmpty ? "\(mutantCount) of \(mutantCount) exit 0 or 78" : crashes.prefix(3).joined(separator: "; "))
        report.check("Redis unchanged", changed.isEmpty, changed.isEmpty ? "\(before.values.count) keys identical" : "changed: \(changed.prefix(5))")
        return report
    }

    /// Runs one case; a description of what was wrong, or nil when it was rejected as it must be.
    private func check(_ badCase: BadInputCase, in world: BatteryWorld) async throws -> String? {
        for (file, text) in badCase.files {
            try text.write(toFile: world.directory + "/" + file, atomically: true, encoding: .utf8)
        }
        let arguments = badCase.arguments.flatMap { $0 == "{redis}" ? ["--redis", world.redis.url, "--prefix", world.prefix] : [$0] }
        let result = try await runApp(arguments, in: world)
        let output = result.text
        var problems: [String] = []
        if result.status != .exited(code: badCase.code) { problems.append("\(result.status), expected exit \(badCase.code)") }
        let missing = badCase.fragments.filter { !output.contains($0) }
        if !missing.isEmpty { problems.append("message lacks \(missing)") }
        let leaked = badCase.forbidden.filter { output.contains($0) }
        if !leaked.isEmpty { problems.append("message shows \(leaked)") }
        guard !problems.isEmpty else { return nil }
        return "\(badCase.label): \(problems.joined(separator: ", ")): \(output.prefix(300))"
    }

    /// Bad jobs given to the library: each must throw a `QueueError` that names the problem.
    private func libraryFailures(_ queue: Queue) async throws -> (count: Int, failures: [String]) {
        var failures: [String] = []
        func expect(_ label: String, _ code: QueueError.Code, _ fragment: String, _ work: () async throws -> Void) async {
            do {
                try await work()
                failures.append("library: \(label): accepted")
            } catch let error as QueueError {
                if error.code != code || !error.message.contains(fragment) {
                    failures.append("library: \(label): \(error.code): \(error.message)")
                }
            } catch {
                failures.append("library: \(label): \(error)")
            }
        }
        await expect("invalid JSON", .invalidPayload, "not valid JSON") { _ = try await queue.add("work", json: "{\"ms\":") }
        await expect("bad job id", .invalidJobID, "a\\nb") { _ = try await queue.add("work", json: "{}", options: JobOptions(jobId: "a\nb")) }
        await expect("bad priority", .invalidOption, "priority") { _ = try await queue.add("work", json: "{}", options: JobOptions(priority: -1)) }
        await expect("one bad job of a bulk", .invalidPayload, "job 2 of 3") {
            _ = try await queue.addBulk([NewJob("a", json: "{}"), NewJob("b", json: "[1,"), NewJob("c", json: "{}")])
        }
        return (4, failures)
    }

    /// Runs the battery app with `arguments` in the world's folder.
    private func runApp(_ arguments: [String], in world: BatteryWorld) async throws -> AppResult {
        let command = CommandRun(
            executable: world.app, arguments: arguments, environment: ["PATH=/usr/bin:/bin", "HOME=\(world.directory)"],
            workingDirectory: world.directory, timeout: .seconds(30), killGracePeriod: .seconds(1))
        let result = try await command.runOnOwnThread()
        return AppResult(status: result.status, text: String(decoding: result.stdout + result.stderrTail, as: UTF8.self))
    }

    private struct AppResult {
        var status: TerminationStatus
        var text: String
    }

    /// The topology the mutations start from: every kind of setting, valid.
    static let goodTopology = """
        redis: redis://127.0.0.1:6390/0
        prefix: battery
        stop_timeout: 30s
        restart: { backoff_start: 1s, backoff_max: 1m, fatal_after: 5, quick_death: 10s }
        queues:
          emails:
            processes: 1
            concurrency: 10
            limiter: { max: 100, duration: 60s }
            defaults:
              attempts: 5
              backoff: { type: exponential, delay: 2s }
              remove_on_complete: { count: 100 }
          images:
            processes: 2
            concurrency: 3
            max_jobs_per_process: 1000
            max_memory: 512MiB
            lease: 30s
            handler: { exec: [/usr/bin/true], timeout: 1m }
          reports:
            schedules:
              daily: { cron: "0 9 * * *", tz: UTC }
              hourly: { every: 1h }

        """
}
