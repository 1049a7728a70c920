import BullpenRedis
import BullpenTestSupport
import Glibc
import Testing

/// A client keeps a second pipeline on the wire while the server runs the first, so the server finds the
/// next calls waiting instead of idling; replies still reach their callers in order, a server that goes
/// silent fails the calls after the command timeout, and scripts the server forgot run again.
@Suite(.timeLimit(.minutes(1))) struct PipelinesInFlightTests {
    /// A script that writes (so `CLIENT PAUSE WRITE` holds it) and answers its argument.
    let write = RedisScript(name: "write", source: "redis.call('SET', KEYS[1], ARGV[1]) return ARGV[1]")

    /// Sets up a private server, the client under test (named `name` on the server) and an observer.
    func setup(name: String, commandTimeout: Double = 10) async throws -> (RedisServer, RedisClient, RedisClient) {
        let server = try RedisServer()
        var configuration = server.configuration
        configuration.commandTimeout = commandTimeout
        let client = RedisClient(configuration, pipelinesInFlight: 2)
        #expect(try await client.send(["CLIENT", "SETNAME", name]) == .status("OK"))
        return (server, client, RedisClient(server.configuration))
    }

    /// The named client's fields in `CLIENT LIST`.
    func clientFields(_ observer: RedisClient, name: String) async throws -> [String: String] {
        let list = try await observer.send(["CLIENT", "LIST"]).string ?? ""
        let line = list.split(whereSeparator: \.isNewline).first { $0.contains(" name=\(name) ") } ?? ""
        return Dictionary(line.split(separator: " ").compactMap { field in
            field.firstIndex(of: "=").map { (String(field[..<$0]), String(field[field.index(after: $0)...])) }
        }, uniquingKeysWith: { first, _ in first })
    }

    /// Polls until `condition` holds or `seconds` pass; whether it held.
    func eventually(within seconds: Int = 5, _ condition: () async throws -> Bool) async throws -> Bool {
        let end = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < end {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    @Test func aSecondPipelineLeavesWhileTheServerHoldsTheFirst() async throws {
        let (server, client, observer) = try await setup(name: "under-test")
        defer { withExtendedLifetime(server) {} }
        let write = self.write
        _ = try await observer.send(["CLIENT", "PAUSE", "10000", "WRITE"])
        let first = Task { try await client.run(RedisScriptCall(write, keys: ["a"], arguments: ["1"])) }
        // The server holds the first call (the client is blocked by the pause: flag `b`) ...
        #expect(try await eventually { try await clientFields(observer, name: "under-test")["flags"]?.contains("b") == true })
        let second = Task { try await client.run(RedisScriptCall(write, keys: ["b"], arguments: ["2"])) }
        // ... and the second reaches its query buffer before the first is answered.
        #expect(try await eventually { Int(try await clientFields(observer, name: "under-test")["qbuf"] ?? "0")! > 0 })
        _ = try await observer.send(["CLIENT", "UNPAUSE"])
        #expect(try await first.value.string == "1")
        #expect(try await second.value.string == "2")
    }

    @Test func aServerThatStopsAnsweringFailsTheCallsAfterTheCommandTimeout() async throws {
        let (server, client, _) = try await setup(name: "silent", commandTimeout: 0.5)
        let write = self.write
        #expect(try await client.run(RedisScriptCall(write, keys: ["a"], arguments: ["up"])).string == "up")
        let pid = try #require(server.pid)
        kill(pid, SIGSTOP)
        defer { kill(pid, SIGCONT) }
        let started = ContinuousClock.now
        await #expect {
            try await client.run(RedisScriptCall(write, keys: ["a"], arguments: ["silence"]))
        } throws: { error in
            (error as? RedisError)?.message.contains("no reply within 0.5 s") == true
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func scriptsTheServerForgotRunAgainWithTwoPipelinesOnTheWire() async throws {
        let (server, client, observer) = try await setup(name: "forgetful")
        defer { withExtendedLifetime(server) {} }
        let write = self.write
        #expect(try await client.run(RedisScriptCall(write, keys: ["a"], arguments: ["known"])).string == "known")
        _ = try await observer.send(["SCRIPT", "FLUSH"])
        _ = try await observer.send(["CLIENT", "PAUSE", "10000", "WRITE"])
        let first = Task { try await client.run(RedisScriptCall(write, keys: ["a"], arguments: ["1"])) }
        #expect(try await eventually { try await clientFields(observer, name: "forgetful")["flags"]?.contains("b") == true })
        let second = Task { try await client.runAll((2...4).map { RedisScriptCall(write, keys: ["k\($0)"], arguments: ["\($0)"]) }) }
        #expect(try await eventually { Int(try await clientFields(observer, name: "forgetful")["qbuf"] ?? "0")! > 0 })
        _ = try await observer.send(["CLIENT", "UNPAUSE"])
        #expect(try await first.value.string == "1")
        #expect(try await second.value.map(\.string) == ["2", "3", "4"])
        #expect(try await observer.send(["MGET", "a", "k2", "k3", "k4"]) == .array(["1", "2", "3", "4"].map { .bulk(Array($0.utf8)) }))
    }
}
