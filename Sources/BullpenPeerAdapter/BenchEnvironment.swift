import BullpenProcess
import BullpenRedis
import BullpenWorker
import Glibc

/// What the driver tells every invocation through the environment (the adapter contract), plus the
/// variable by which `work` tells its children who their parent is.
struct BenchEnvironment: Sendable {
    /// The key prefix of the benchmark's queue (Bullpen's default).
    static let prefix = "bullpen"
    /// Set by `work` in its children's environment: its pid, for `ParentDeath.arm(expectedParent:)`.
    static let parentVariable = "BENCH_PARENT_PID"

    /// `REDIS_URL`: the only Redis to use.
    var redisURL: String
    /// `BENCH_QUEUE`: the queue's name (`bench`).
    var queue: String
    /// `BENCH_LAT_DIR`: set only for workers of the latency phase; each process appends to a file there.
    var latencyDirectory: String?
    /// `BENCH_PARENT_PID`: set only in the children of `work`.
    var parent: pid_t?
    /// `BULLPEN_VERSION`: shown by `info` (`scripts/bench-peers.sh` sets it to the commit); `bullpen dev`.
    var version: String

    /// The environment of this process, with the driver's defaults for what is missing.
    static func current() throws(AdapterError) -> BenchEnvironment {
        let environment = ProcessEnvironment.current()
        func value(_ name: String) -> String? {
            ProcessEnvironment.value(name, in: environment).flatMap { $0.isEmpty ? nil : $0 }
        }
        var parent: pid_t?
        if let text = value(parentVariable) {
            guard let pid = pid_t(text), pid > 1 else {
                throw AdapterError(.environment, "\(parentVariable) is \"\(text)\", not a process id")
            }
            parent = pid
        }
        return BenchEnvironment(
            redisURL: value("REDIS_URL") ?? "redis://127.0.0.1:6390/0", queue: value("BENCH_QUEUE") ?? "bench",
            latencyDirectory: value("BENCH_LAT_DIR"), parent: parent, version: value("BULLPEN_VERSION") ?? "bullpen dev")
    }

    /// The Redis configuration from `REDIS_URL`.
    func redisConfiguration() throws(AdapterError) -> RedisConfiguration {
        do {
            return try RedisConfiguration(url: redisURL)
        } catch {
            throw AdapterError(.environment, "REDIS_URL \"\(redisURL)\" is not usable: \(error)")
        }
    }

    /// The benchmark queue on a pool of `connections` connections (made on first use).
    func queue(connections: Int) throws(AdapterError) -> Queue {
        do {
            return try Queue(queue, redis: RedisPool(redisConfiguration(), size: connections),
                             settings: QueueSettings(prefix: Self.prefix))
        } catch let error as AdapterError {
            throw error
        } catch {
            throw AdapterError(.environment, "BENCH_QUEUE \"\(queue)\" is not usable: \(error)")
        }
    }
}
