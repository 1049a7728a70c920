import BullpenCore
import BullpenRedis
import BullpenTestSupport

/// The pool every core test shares (one private redis-server per test process; a key prefix per test).
let sharedPool = RedisPool(RedisServer.shared.configuration, size: 4)

/// A queue under a fresh key prefix, so tests run in parallel without seeing each other's keys.
func makeQueue(_ name: String = "q", settings: QueueSettings = QueueSettings(), pool: RedisPool = sharedPool) throws -> Queue {
    var settings = settings
    settings.prefix = TestKeys.prefix()
    return try Queue(name, redis: pool, settings: settings)
}

/// The Redis server's clock, in ms.
func redisNow(_ queue: Queue) async throws -> Int64 {
    let reply = try await queue.redis.client().send(["TIME"])
    let parts = reply.array!.map { $0.int! }
    return parts[0] * 1000 + parts[1] / 1000
}

let worker = TakeRequest(workerID: "w1", lease: .seconds(30))

extension Queue {
    /// Takes every job there is now, in order, completing none.
    func takeAll(_ request: TakeRequest = worker) async throws -> [ActiveJob] {
        var taken: [ActiveJob] = []
        while let next = try await take(request).active { taken.append(next) }
        return taken
    }
}
