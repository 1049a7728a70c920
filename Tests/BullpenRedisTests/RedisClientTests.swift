@testable import BullpenRedis
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

    /// A restarted server takes connections while it reads its data back and answers LOADING meanwhile:
    /// the client waits, as for a server that is down, and the command runs once the data is there.
    @Test func waitsWhileARestartedServerLoadsItsData() async throws {
        // A millisecond a key while loading, and connections served every KB of it: about two seconds of
        // LOADING answers for 2,000 keys, into which the client's first retries (50, 100, 200 ms apart) fall.
        let server = try RedisServer(extra: ["--key-load-delay", "1000", "--loading-process-events-interval-bytes", "1024"])
        let admin = try RedisConnection(server.configuration)
        _ = try admin.send(["EVAL", "for i = 1, 2000 do redis.call('SET', 'k' .. i, i) end", "0"])
        #expect(try admin.send(["SAVE"]) == .status("OK"))
        admin.close()
        server.stop(signal: SIGKILL)
        let events = Mutex<[String]>([])
        let client = RedisClient(server.configuration, reconnect: .forever) { event in
            events.withLock { $0.append("\(event)") }
        }
        async let restarted: Void = Task.detached { try server.start() }.value
        #expect(try await client.send(["DBSIZE"]) == .integer(2000))
        try await restarted
        #expect(events.withLock { $0.contains { $0.hasPrefix("waiting") && $0.contains("LOADING") } })
    }

    /// A server that refuses a write as a replica (a primary that a failover demoted) is left: the client
    /// connects again before its next call, so that an address now leading to the new primary is
    /// followed. Both for plain commands and for script calls, which travel in the client's pipelines.
    @Test(arguments: [1, 2]) func aServerThatRefusesWritesAsAReplicaIsConnectedToAgain(pipelinesInFlight: Int) async throws {
        let server = try RedisServer()
        let client = RedisClient(server.configuration, pipelinesInFlight: pipelinesInFlight)
        let admin = try RedisConnection(server.configuration)
        let write = RedisScript(name: "write", source: "redis.call('SET', KEYS[1], ARGV[1]) return ARGV[1]")
        for viaScript in [false, true] {
            let before = try #require(try await client.send(["CLIENT", "ID"]).int)
            // A replica of a server that is not there: it stays one, and refuses writes.
            _ = try admin.send(["REPLICAOF", "127.0.0.1", "1"])
            let refused = viaScript
                ? try await client.run(RedisScriptCall(write, keys: ["k"], arguments: ["1"]))
                : try await client.send(["SET", "k", "1"])
            #expect(refused.errorMessage?.hasPrefix("READONLY") == true)
            _ = try admin.send(["REPLICAOF", "NO", "ONE"])
            let after = try #require(try await client.send(["CLIENT", "ID"]).int)
            #expect(after != before, "connected again after READONLY (\(viaScript ? "script" : "command"))")
            #expect(try admin.send(["CLIENT", "LIST", "ID", String(before)]).string?.isEmpty == true)
        }
        #expect(try await client.run(RedisScriptCall(write, keys: ["k"], arguments: ["2"])) == .bulk(Array("2".utf8)))
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

/// `onConnectionThread`: a caller running on the client's own thread, and a pool that routes its calls
/// to that client.
@Suite(.timeLimit(.minutes(1))) struct ConnectionThreadTests {
    @Test func aBodyRunsOnTheClientsThreadAndItsCallsWork() async throws {
        let client = RedisClient(RedisServer.shared.configuration)
        let key = "thread:\(UInt64.random(in: 0...UInt64.max))"
        #expect(!client.isCurrentThread)
        let (onThread, replies) = try await client.onConnectionThread { () async throws(RedisError) -> (Bool, [RedisReply]) in
            var replies: [RedisReply] = []
            for _ in 0..<50 { replies.append(try await client.send(["INCR", key])) }
            return (client.isCurrentThread, replies)
        }
        #expect(onThread)
        #expect(replies == (1...50).map { RedisReply.integer($0) })
        #expect(!client.isCurrentThread)
        _ = try await client.send(["DEL", key])
    }

    /// The thread is named, for `top -H` and `/proc/PID/task/TID/comm`.
    @Test func theClientsThreadIsNamed() async throws {
        let client = RedisClient(RedisServer.shared.configuration)
        #expect(Self.threadName() != SpinningThreadExecutor.threadName)
        #expect(await client.onConnectionThread { Self.threadName() } == SpinningThreadExecutor.threadName)
    }

    /// The calling thread's name (its `comm`).
    private static func threadName() -> String {
        let fd = open("/proc/thread-self/comm", O_RDONLY)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = read(fd, &buffer, buffer.count)
        return String(decoding: buffer.prefix(max(0, count)).prefix { $0 != 10 }, as: UTF8.self)
    }

    @Test func aPoolGivesACallerOnAClientsThreadThatClient() async throws {
        let pool = RedisPool(RedisServer.shared.configuration, size: 3)
        let ids = try await pool.onConnectionThread { () async throws(RedisError) -> Set<Int64> in
            var ids: Set<Int64> = []
            for _ in 0..<6 { ids.insert(try await pool.client().send(["CLIENT", "ID"]).int ?? -1) }
            return ids
        }
        // Round robin would have used all three connections.
        #expect(ids.count == 1)
    }
}
