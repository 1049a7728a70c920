import BullpenProcess
import Foundation

/// One `redis-benchmark` run of `EVALSHA <sha> 1 bench:counter` against the private server, over the same
/// transport the queue measurements use. Spawned with `CommandRun` on a thread of its own (Foundation's
/// `Process.waitUntilExit` was seen to hang in this codebase).
struct RedisBenchmarkRun: Sendable {
    var clients: Int
    var pipeline: Int
    var requests: Int

    /// Runs it and returns the requests per second from its CSV output.
    func run(sha: String, target: BenchTarget) async throws -> Double {
        let executable = try Self.executable()
        let arguments = target.redisBenchmarkArguments + [
            "-c", String(clients), "-P", String(pipeline), "-n", String(requests), "--csv",
            "EVALSHA", sha, "1", "bench:counter",
        ]
        let command = CommandRun(
            executable: executable, arguments: arguments, environment: ["PATH=/usr/bin:/bin", "LANG=C"],
            timeout: .seconds(300))
        let result = try await command.runOnOwnThread()
        let output = String(decoding: result.stdout, as: UTF8.self)
        guard result.status.isSuccess else {
            let errors = String(decoding: result.stderrTail, as: UTF8.self)
            throw BenchError(.tool, "redis-benchmark \(arguments.joined(separator: " ")) ended with \(result.status): \(errors)")
        }
        return try Self.requestsPerSecond(csv: output)
    }

    /// The `rps` column of the EVALSHA line, e.g. `"EVALSHA 1f... 1 bench:counter","8800.00",...`.
    static func requestsPerSecond(csv: String) throws(BenchError) -> Double {
        for line in csv.split(whereSeparator: \.isNewline) where line.uppercased().hasPrefix("\"EVALSHA") {
            let columns = line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            if columns.count > 1, let rate = Double(columns[1]) { return rate }
        }
        throw BenchError(.tool, "no EVALSHA line with a rate in redis-benchmark's output: \(csv.prefix(300))")
    }

    private static func executable() throws(BenchError) -> String {
        for candidate in ["/usr/bin/redis-benchmark", "/usr/local/bin/redis-benchmark"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw BenchError(.tool, "redis-benchmark is not installed (apt-get install redis-tools)")
    }
}
