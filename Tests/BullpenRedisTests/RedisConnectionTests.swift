import BullpenRedis
import BullpenTestSupport
import Testing

@Suite(.timeLimit(.minutes(2))) struct RedisConnectionTests {
    let server = RedisServer.shared
    let prefix = TestKeys.prefix()

    @Test func repliesAsSwiftValues() throws {
        let connection = try RedisConnection(server.configuration)
        #expect(try connection.send(["SET", "\(prefix):k", "v\u{0}x"]) == .status("OK"))
        #expect(try connection.send(["GET", "\(prefix):k"]) == .bulk(Array("v\u{0}x".utf8)))
        #expect(try connection.send(["GET", "\(prefix):missing"]) == .null)
        #expect(try connection.send(["INCRBY", "\(prefix):n", "41"]) == .integer(41))
        #expect(try connection.send(["RPUSH", "\(prefix):l", "a", "b"]) == .integer(2))
        #expect(try connection.send(["LRANGE", "\(prefix):l", "0", "-1"]) == .array([.bulk(Array("a".utf8)), .bulk(Array("b".utf8))]))
        #expect(try connection.send(["NOSUCHCOMMAND"]).errorMessage?.contains("unknown command") == true)
        #expect(try connection.send(["SET", "\(prefix):empty", ""]) == .status("OK"))
        #expect(try connection.send(["GET", "\(prefix):empty"]) == .bulk([]))
    }

    @Test func pipelinesInOneRoundTrip() throws {
        let connection = try RedisConnection(server.configuration)
        let replies = try connection.pipeline((1...100).map { _ in ["INCR", "\(prefix):p"] })
        #expect(replies.map { $0.int } == (1...100).map { Int64($0) })
    }

    @Test func scriptsSurviveScriptFlush() throws {
        let own = try RedisServer()
        let connection = try RedisConnection(own.configuration)
        let script = RedisScript(name: "incr", source: "return redis.call('INCRBY', KEYS[1], ARGV[1])")
        let call = RedisScriptCall(script, keys: ["\(prefix):s"], arguments: ["2"])
        #expect(try connection.run(call) == .integer(2))
        #expect(try connection.send(["SCRIPT", "EXISTS", script.sha1]) == .array([.integer(1)]))
        #expect(try connection.send(["SCRIPT", "FLUSH"]) == .status("OK"))
        // Both calls of the pipeline hit NOSCRIPT; each must run exactly once after the reload.
        #expect(try connection.runAll([call, call]) == [.integer(4), .integer(6)])
    }

    @Test func selectsTheDatabaseFromTheURL() throws {
        let connection = try RedisConnection(try RedisConfiguration(url: server.url + "?db=3"))
        #expect(try connection.send(["SET", "\(prefix):db", "3"]) == .status("OK"))
        let other = try RedisConnection(server.configuration)
        #expect(try other.send(["EXISTS", "\(prefix):db"]) == .integer(0))
        #expect(try other.send(["SELECT", "3"]) == .status("OK"))
        #expect(try other.send(["EXISTS", "\(prefix):db"]) == .integer(1))
    }

    @Test func authenticatesAsAnACLUser() throws {
        let own = try RedisServer()
        let admin = try RedisConnection(own.configuration)
        #expect(try admin.send(["ACL", "SETUSER", "worker", "on", ">pw1", "~*", "+@all"]) == .status("OK"))
        let worker = try RedisConnection(try RedisConfiguration(url: "unix://worker:pw1@" + own.socketPath))
        #expect(try worker.send(["ACL", "WHOAMI"]) == .bulk(Array("worker".utf8)))
        #expect {
            _ = try RedisConnection(try RedisConfiguration(url: "unix://worker:wrong@" + own.socketPath))
        } throws: { error in
            let error = error as! RedisError
            return error.code == .connectionFailed && error.message.contains("AUTH failed") && !error.message.contains("wrong")
        }
    }

    @Test func namesTheAddressWhenRefused() throws {
        #expect {
            _ = try RedisConnection(try RedisConfiguration(url: "redis://127.0.0.1:1"))
        } throws: { error in
            (error as! RedisError).message == "unable to connect to redis at 127.0.0.1:1: Connection refused"
        }
    }

    @Test func blockingCommandsGetALongerSocketTimeout() throws {
        var configuration = server.configuration
        configuration.commandTimeout = 0.2
        let connection = try RedisConnection(configuration)
        #expect(try connection.send(["BLPOP", "\(prefix):nothing", "0.5"], timeout: 1.5) == .null)
        // The connection is still usable, with its normal timeout restored.
        #expect(try connection.send(["PING"]) == .status("PONG"))
        #expect(throws: RedisError.self) { try connection.send(["BLPOP", "\(prefix):nothing", "1"]) }
        #expect(!connection.isOpen)
    }
}
