import BullpenWorker
import FoundationEssentials

/// The answer to `info`: who we are, the worker configurations, and the probe that counts completed jobs.
struct AdapterInfo: Encodable {
    /// One worker configuration: `launches` copies of `work <args>` run at once.
    struct Config: Encodable {
        var id: String
        var launches: Int
        var args: [String]
        var desc: String
    }

    var name = "bullpen"
    var version: String
    var bulk = true
    var configs: [Config]
    var latencyConfig: String
    var traceConfig: String
    var probeLua: String

    enum CodingKeys: String, CodingKey {
        case name, version, bulk, configs
        case latencyConfig = "latency_config"
        case traceConfig = "trace_config"
        case probeLua = "probe_lua"
    }

    /// The configurations measured against BullMQ's of the same ids (one launch spawns every process), and
    /// Bullpen's inline-handler ones, which BullMQ has no counterpart of.
    static func current(_ environment: BenchEnvironment) -> AdapterInfo {
        let keys = QueueKeys(queue: environment.queue, prefix: BenchEnvironment.prefix)
        return AdapterInfo(
            version: environment.version,
            configs: [
                Config(id: "1p-c10", launches: 1, args: ["--processes", "1", "--concurrency", "10"],
                       desc: "1 worker process, concurrency 10"),
                Config(id: "2p-c10", launches: 1, args: ["--processes", "2", "--concurrency", "10"],
                       desc: "2 worker processes x concurrency 10, spawned by one launch"),
                // Bullpen only: handlers on the connection thread (WorkerConfiguration.inlineHandlers).
                Config(id: "1p-c10-inline", launches: 1, args: ["--processes", "1", "--concurrency", "10", "--inline"],
                       desc: "1 worker process, concurrency 10, handlers on the connection thread"),
                Config(id: "2p-c10-inline", launches: 1, args: ["--processes", "2", "--concurrency", "10", "--inline"],
                       desc: "2 worker processes x concurrency 10, handlers on the connection thread"),
            ],
            latencyConfig: "2p-c10", traceConfig: "1p-c10",
            // Completed jobs are kept by default (retention keepAll) in a sorted set: one ZCARD.
            probeLua: "return redis.call('ZCARD', '\(keys.completed)')")
    }

    /// The object as one line of JSON.
    func json() throws(AdapterError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        } catch {
            throw AdapterError(.io, "unable to encode the info object: \(error)")
        }
    }
}
