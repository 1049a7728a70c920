import BullpenRedis
import BullpenTestSupport
import Glibc
import Synchronization
import Testing

/// Script calls of many tasks on one client leave together (automatic pipelining): each caller still gets
/// exactly its own replies, calls share round trips, and a cancelled caller does not wait for Redis.
@Suite(.timeLimit(.minutes(1))) struct ScriptPipeliningTests {
    /// A script that answers its arguments joined, so a reply names the call it belongs to.
    let echo = RedisScript(name: "echo", source: "return table.concat(ARGV, ',')")

    @Test func everyConcurrentCallerGetsItsOwnRepliesInOrder() async throws {
        let client = RedisClient(RedisServer.shared.configuration)
        let echo = self.echo
        let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
            for caller in 0..<50 {
                group.addTask {
                    var wrong = 0
                    for round in 0..<20 {
                        let calls = (0..<(round % 3 + 1)).map { RedisScriptCall(echo, keys: [], arguments: ["\(caller)", "\(round)", "\($0)"]) }
                        let replies = try await client.runAll(calls)
                        wrong += zip(replies, calls).filter { $0.string != $1.arguments.joined(separator: ",") }.count
                        wrong += replies.count == calls.count ? 0 : 1
                    }
                    return wrong
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }

    @Test func concurrentCallsShareRoundTrips() async throws {
        let server = try RedisServer()
        let client = RedisClient(server.configuration)
        let echo = self.echo
        _ = try await client.run(RedisScriptCall(echo, keys: [], arguments: ["warm"]))
        let probe = RedisClient(server.configuration)
        let before = try await Self.readsOfThisServer(probe)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for caller in 0..<40 {
                group.addTask {
                    for round in 0..<25 { _ = try await client.run(RedisScriptCall(echo, keys: [], arguments: ["\(caller)", "\(round)"])) }
                }
            }
            try await group.waitForAll()
        }
        // 1,000 calls; one at a time they would take 1,000 reads of the server's event loop for this
        // client. Gathered, they take far fewer.
        let reads = try await Self.readsOfThisServer(probe) - before
        #expect(reads < 500, "\(reads) event-loop reads for 1,000 script calls")
    }

    @Test func aCancelledCallerDoesNotWaitForAServerThatIsGone() async throws {
        let server = try RedisServer()
        let reconnecting = Mutex(false)
        let client = RedisClient(server.configuration, reconnect: .forever) { event in
            if case .waiting = event { reconnecting.withLock { $0 = true } }
        }
        let echo = self.echo
        _ = try await client.run(RedisScriptCall(echo, keys: [], arguments: ["up"]))
        server.stop(signal: SIGKILL)
        let waiting = Task { try await client.run(RedisScriptCall(echo, keys: [], arguments: ["down"]), idempotent: true) }
        // Cancelled once the call waits for the server to come back.
        let end = ContinuousClock.now + .seconds(10)
        while !reconnecting.withLock({ $0 }) && ContinuousClock.now < end { try await Task.sleep(for: .milliseconds(10)) }
        #expect(reconnecting.withLock { $0 })
        let cancelledAt = ContinuousClock.now
        waiting.cancel()
        await #expect(throws: RedisError.self) { try await waiting.value }
        #expect(ContinuousClock.now - cancelledAt < .seconds(1))
        // The client works again once the server is back. (When the cancelled call never reached the
        // connection, the next call is the first to find it broken: only an idempotent one is resent.)
        try server.start()
        #expect(try await client.run(RedisScriptCall(echo, keys: [], arguments: ["back"]), idempotent: true).string == "back")
    }

    /// The reads of client sockets the server made (INFO stats): one per round trip of a caller that
    /// waits for each reply, fewer when calls travel together.
    static func readsOfThisServer(_ probe: RedisClient) async throws -> Int {
        let info = try await probe.send(["INFO", "stats"]).string ?? ""
        let line = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("total_reads_processed:") }
        return line.flatMap { Int($0.dropFirst("total_reads_processed:".count)) } ?? 0
    }
}
