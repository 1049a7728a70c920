import BullpenRedis
import BullpenTestSupport
import Synchronization
import Glibc
import Testing

@Suite(.timeLimit(.minutes(2))) struct RedisClientTests {
    @Test func reconnectsAfterTheServerRestarts() async throws {
        let server = try RedisServer(appendOnly: true)
        let events = Mutex<[String]>([])
        let client = RedisClient(server.configuration, reconnect: .forever) { event in
            events.withLock { $0.append("\(event)") }
        }
        #expect(try await client.send(["SET", "k", "1"]) == .status("OK"))
        server.stop(signal: SIGKILL)
        // The broken connection is reported once as lost (the command may or may not have run) ...
        await #expect(throws: RedisError.self) { try await client.send(["INCR", "k"]) }
        // ... and the next call waits for the server to come back.
        async let restarted: Void = Task.detached { try await Task.sleep(nanoseconds: 300_000_000); try server.start() }.value
        #expect(try await client.send(["GET", "k"]) == .bulk(Array("1".utf8)))
        try await restarted
        #expect(events.withLock { $0.contains { $0.hasPrefix("waiting") } })
        #expect(events.withLock { $0.contains { $0.hasPrefix("reconnected") } })
    }

    @Test func idempotentCommandsAreRetriedOnceAfterALostConnection() async throws {
        let server = try RedisServer()
        let client = RedisClient(server.configuration, reconnect: .forever)
        #expect(try await client.send(["PING"]) == .status("PONG"))
        _ = try await client.send(["CLIENT", "KILL", "TYPE", "normal", "SKIPME", "no"])
        #expect(try await client.send(["PING"], idempotent: true) == .status("PONG"))
    }

    @Test func givesUpAfterThePolicyLimit() async throws {
        let client = RedisClient(try RedisConfiguration(url: "redis://127.0.0.1:1"), reconnect: .init(giveUpAfter: 0.2))
        let started = ContinuousClock.now
        await #expect(throws: RedisError.self) { try await client.send(["PING"]) }
        #expect(ContinuousClock.now - started >= .milliseconds(150))
    }

    @Test func poolSpreadsCallsOverItsConnections() async throws {
        let pool = RedisPool(RedisServer.shared.configuration, size: 3)
        let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for _ in 0..<9 { group.addTask { try await pool.client().send(["CLIENT", "ID"]).int! } }
            return try await group.reduce(into: Set<Int64>()) { $0.insert($1) }
        }
        #expect(ids.count == 3)
    }
}
