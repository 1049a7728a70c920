/// A line of the results table: what is measured, what it is compared with, and the target.
enum BenchRow: String, Sendable, CaseIterable, Codable {
    case baselineSingle = "redis-benchmark.evalsha.c1"
    case baselinePipelined = "redis-benchmark.evalsha.c50-P16"
    case rawConnection = "raw.connection.evalsha"
    case rawClient = "raw.client.evalsha"
    case rawClientOnThread = "raw.client.evalsha.connection-thread"
    case singleAdd = "add.single"
    case singleAddOnThread = "add.single.connection-thread"
    case bulkAdd = "add.bulk"
    case cycle = "take-complete"
    case singleAddNoEvents = "add.single.no-events"
    case bulkAddNoEvents = "add.bulk.no-events"
    case cycleNoEvents = "take-complete.no-events"
    case bareAdd = "bare.add"
    case bareCycle = "bare.take-complete"

    var label: String {
        switch self {
        case .baselineSingle: "redis-benchmark EVALSHA, 1 client, -P 1"
        case .baselinePipelined: "redis-benchmark EVALSHA, 50 clients, -P 16"
        case .rawConnection: "RedisConnection EVALSHA loop (sync, own thread)"
        case .rawClient: "RedisClient EVALSHA loop (actor, from a task)"
        case .rawClientOnThread: "RedisClient EVALSHA loop, on the connection thread"
        case .singleAdd: "single add (events on)"
        case .singleAddOnThread: "single add on the connection thread (events on)"
        case .bulkAdd: "bulk add, chunks of 1000 (events on)"
        case .cycle: "take + complete cycle (events on)"
        case .singleAddNoEvents: "single add (maxEvents 0)"
        case .bulkAddNoEvents: "bulk add, chunks of 1000 (maxEvents 0)"
        case .cycleNoEvents: "take + complete cycle (maxEvents 0)"
        case .bareAdd: "add.lua, bare RedisConnection (no queue layer)"
        case .bareCycle: "finish+take .lua, bare RedisConnection (no queue layer)"
        }
    }

    /// The baseline row this one is divided by.
    var reference: BenchRow? {
        switch self {
        case .baselineSingle, .baselinePipelined: nil
        case .bulkAdd, .bulkAddNoEvents: .baselinePipelined
        default: .baselineSingle
        }
    }

    /// The target for this row, if it has one.
    var target: Target? {
        switch self {
        case .singleAdd: .minRatio(0.70)
        case .bulkAdd: .minRatio(0.40)
        case .cycle: .maxEvalshaPerOp(1.01)
        default: nil
        }
    }

    enum Target: Sendable {
        /// rate / reference rate must reach this.
        case minRatio(Double)
        /// EVALSHA calls (round trips) per operation must not exceed this.
        case maxEvalshaPerOp(Double)

        var text: String {
            switch self {
            case .minRatio(let ratio): "ratio ≥ \(ratio)"
            case .maxEvalshaPerOp(let calls): "EVALSHA/op ≤ \(calls)"
            }
        }
    }
}
