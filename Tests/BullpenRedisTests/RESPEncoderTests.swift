@testable import BullpenRedis
import BullpenTestSupport
import Testing

/// The wire format written for every command: RESP arrays of bulk strings, byte for byte.
@Suite struct RESPEncoderTests {
    func encoded(_ commands: [[String]]) -> String {
        var encoder = RESPEncoder()
        for command in commands { encoder.append(command) }
        return String(decoding: encoder.bytes, as: UTF8.self)
    }

    @Test func encodesArraysOfBulkStrings() {
        #expect(encoded([["SET", "k", ""]]) == "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n")
        // Commands follow each other in one buffer; lengths count bytes, not characters.
        #expect(encoded([["PING"], ["ECHO", "é\r\n"]]) == "*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$4\r\né\r\n\r\n")
    }

    @Test func writesCountsOfEveryWidth() {
        let arguments = (0..<1_000).map { String(repeating: "x", count: $0 % 120) }
        let text = encoded([arguments])
        #expect(text.hasPrefix("*1000\r\n$0\r\n\r\n$1\r\nx\r\n"))
        #expect(text.contains("\r\n$10\r\nxxxxxxxxxx\r\n$11\r\n"))
        #expect(text.contains("\r\n$100\r\n" + String(repeating: "x", count: 100) + "\r\n"))
    }

    @Test func theServerReadsWhatItWrites() throws {
        let connection = try RedisConnection(RedisServer.shared.configuration)
        let key = "resp:\(UInt64.random(in: 0...UInt64.max))"
        let values = ["", "plain", "with\r\nnewlines and \0 a nul", String(repeating: "long ", count: 10_000), "ünïcödé ✓"]
        let replies = try connection.pipeline(values.map { ["RPUSH", key, $0] } + [["LRANGE", key, "0", "-1"], ["DEL", key]])
        #expect(replies.last == .integer(1))
        #expect(replies[values.count] == .array(values.map { .bulk(Array($0.utf8)) }))
        #expect(try connection.send(["ECHO", values[2]]) == .bulk(Array(values[2].utf8)))
    }
}
