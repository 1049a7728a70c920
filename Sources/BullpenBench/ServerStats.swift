import BullpenRedis

/// Counters from the server's `INFO stats` and `INFO commandstats`, read before and after a phase so its
/// Redis cost per operation can be reported.
struct ServerStats: Sendable {
    /// `cmdstat_evalsha` calls: script calls sent by clients (one per round trip when not pipelined).
    var evalshaCalls: Int64 = 0
    /// `cmdstat_evalsha` usec: server time spent in scripts, including the commands they call.
    var evalshaMicros: Int64 = 0
    /// The sum of every `cmdstat_*` calls, which counts the commands called from inside Lua too.
    var commands: Int64 = 0
    /// `total_reads_processed`: socket reads, about one per client round trip.
    var reads: Int64 = 0

    /// Reads the counters with one `INFO stats commandstats` call.
    static func read(_ client: RedisClient) async throws -> ServerStats {
        let reply = try await client.send(["INFO", "stats", "commandstats"])
        guard let text = reply.string else { throw BenchError(.redis, "INFO answered \(reply)") }
        var stats = ServerStats()
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("total_reads_processed:") {
                stats.reads = Int64(line.dropFirst("total_reads_processed:".count)) ?? 0
            } else if line.hasPrefix("cmdstat_") {
                // cmdstat_evalsha:calls=3,usec=40,usec_per_call=13.33,rejected_calls=0,failed_calls=0
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { continue }
                var calls: Int64 = 0
                var micros: Int64 = 0
                for field in parts[1].split(separator: ",") {
                    if field.hasPrefix("calls=") { calls = Int64(field.dropFirst(6)) ?? 0 }
                    if field.hasPrefix("usec=") { micros = Int64(field.dropFirst(5)) ?? 0 }
                }
                stats.commands += calls
                if parts[0] == "cmdstat_evalsha" {
                    stats.evalshaCalls = calls
                    stats.evalshaMicros = micros
                }
            }
        }
        return stats
    }

    /// The cost per operation of what ran between `start` and `self`. The INFO call that took `start` is
    /// counted in `commands` and the one that took `self` in `reads`: both are taken out.
    func cost(since start: ServerStats, operations: Int) -> ServerCost {
        let count = Double(max(1, operations))
        return ServerCost(
            evalshaPerOp: Double(evalshaCalls - start.evalshaCalls) / count,
            commandsPerOp: Double(commands - start.commands - 1) / count,
            readsPerOp: Double(reads - start.reads - 1) / count,
            serverMicrosPerOp: Double(evalshaMicros - start.evalshaMicros) / count)
    }
}

/// What one operation cost the server, from `ServerStats` deltas.
struct ServerCost: Sendable, Codable {
    /// EVALSHA calls per operation (round trips, for unpipelined calls).
    var evalshaPerOp: Double
    /// Commands per operation, including those run inside scripts.
    var commandsPerOp: Double
    /// Socket reads per operation.
    var readsPerOp: Double
    /// Server microseconds in scripts per operation.
    var serverMicrosPerOp: Double
}
