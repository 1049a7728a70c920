import CHiredis
#if canImport(Glibc)
import Glibc
#endif

/// One blocking connection to Redis over hiredis.
///
/// Not `Sendable` on purpose: a connection belongs to one thread or actor at a time (hand it over with
/// `sending`). Every call blocks its thread, so it must never run on Swift's cooperative pool; `RedisClient`
/// runs it on a dispatch queue of its own.
public final class RedisConnection {
    /// The configuration this connection was made from.
    public let configuration: RedisConfiguration
    private var context: UnsafeMutablePointer<redisContext>?

    /// Connects, authenticates and selects the database; throws `.connectionFailed` with the address and
    /// the reason (for example `unable to connect to redis at 127.0.0.1:6379: Connection refused`).
    public init(_ configuration: RedisConfiguration) throws(RedisError) {
        _ = Self.ignoreBrokenPipes
        self.configuration = configuration
        try connect()
    }

    deinit { close() }

    /// hiredis writes with write(2): a server that went away would raise SIGPIPE and kill the process.
    /// Ignoring it process-wide turns that into an EPIPE error (as SwiftNIO does); children we spawn get
    /// default dispositions back.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Whether the connection is open (it closes itself when an I/O error breaks it).
    public var isOpen: Bool { context != nil }

    /// Whether the server refused a command with `READONLY` or `LOADING`: it is a replica now, as a primary
    /// becomes after a failover, or it is reading its data back, while the configured address may lead to
    /// the new primary once connected again (a DNS name that moved, say), and connecting waits for the end
    /// of a load. `RedisClient` connects again before its next call, once the replies on the wire are
    /// read; callers retry the refused command as after any error reply (it did not run).
    public private(set) var serverRefused = false

    /// Closes the connection. Further commands throw `.connectionLost`.
    public func close() {
        if let context { redisFree(context) }
        context = nil
    }

    /// Drops the current connection, if any, and connects again.
    public func reconnect() throws(RedisError) {
        close()
        try connect()
    }

    private func connect() throws(RedisError) {
        serverRefused = false
        let timeout = Self.timeval(seconds: configuration.connectTimeout)
        let made: UnsafeMutablePointer<redisContext>?
        switch configuration.address {
        case .tcp(let host, let port): made = redisConnectWithTimeout(host, Int32(port), timeout)
        case .unix(let path): made = redisConnectUnixWithTimeout(path, timeout)
        }
        guard let made else {
            throw RedisError(.connectionFailed, "unable to connect to redis at \(configuration): out of memory")
        }
        if made.pointee.err != 0 {
            let reason = Self.errorText(of: made)
            redisFree(made)
            throw RedisError(.connectionFailed, "unable to connect to redis at \(configuration): \(reason)")
        }
        context = made
        redisSetTimeout(made, Self.timeval(seconds: configuration.commandTimeout))
        if case .tcp = configuration.address { redisEnableKeepAlive(made) }
        do throws(RedisError) {
            if let password = configuration.password {
                let auth = configuration.user.map { ["AUTH", $0, password] } ?? ["AUTH", password]
                try expectOK(auth, what: "AUTH")
            }
            if configuration.database != 0 {
                try expectOK(["SELECT", String(configuration.database)], what: "SELECT \(configuration.database)")
            }
            // A server that restarted takes connections while it reads its data back, and answers every
            // command with LOADING until done (none of them runs): such a connection is not made yet, so
            // the client waits by its reconnect policy, as for a server that is down.
            let pong = try send(["PING"])
            if serverRefused { throw RedisError(.serverError, pong.errorMessage ?? "refused PING") }
        } catch {
            close()
            throw RedisError(.connectionFailed, "unable to connect to redis at \(configuration): \(error.message)")
        }
    }

    private func expectOK(_ command: [String], what: String) throws(RedisError) {
        let reply = try send(command)
        if let text = reply.errorMessage { throw RedisError(.serverError, "\(what) failed: \(text)") }
    }

    /// Sends one command and waits for its reply. An error reply is returned as `.error`, not thrown;
    /// an I/O failure closes the connection and throws `.connectionLost`.
    ///
    /// - Parameter timeout: the socket timeout for this command in seconds, for blocking commands whose own
    ///   wait is longer than the configured command timeout (it must exceed that wait).
    public func send(_ command: [String], timeout: Double? = nil) throws(RedisError) -> RedisReply {
        try withTimeout(timeout) { () throws(RedisError) in try sendAndWait(command) }
    }

    /// Runs `body` with the socket timeout set to `timeout` seconds (nil: the configured command timeout).
    func withTimeout<R>(_ timeout: Double?, _ body: () throws(RedisError) -> R) throws(RedisError) -> R {
        guard let timeout else { return try body() }
        guard let context else { throw lost("connection is closed") }
        redisSetTimeout(context, Self.timeval(seconds: timeout))
        defer {
            if let context = self.context { redisSetTimeout(context, Self.timeval(seconds: configuration.commandTimeout)) }
        }
        return try body()
    }

    private func sendAndWait(_ command: [String]) throws(RedisError) -> RedisReply {
        guard let context else { throw lost("connection is closed") }
        var encoder = RESPEncoder()
        encoder.append(command)
        // redisGetReply sends what was appended, then waits for the reply.
        var raw: UnsafeMutableRawPointer?
        guard encoder.withBytes({ redisAppendFormattedCommand(context, $0, $1) }) == REDIS_OK,
            redisGetReply(context, &raw) == REDIS_OK, let raw
        else { throw lost(Self.errorText(of: context)) }
        return consume(raw)
    }

    /// Sends several commands in one write and reads all their replies (a pipeline: one round trip).
    public func pipeline(_ commands: [[String]]) throws(RedisError) -> [RedisReply] {
        try write(commands)
        return try readReplies(commands.count)
    }

    /// Sends commands in one write without waiting for their replies; `readReplies` reads them later, in
    /// order, after the replies of whatever was written before.
    public func write(_ commands: [[String]]) throws(RedisError) {
        guard let context else { throw lost("connection is closed") }
        guard !commands.isEmpty else { return }
        // Sized up front: a bulk add's pipeline is hundreds of kilobytes, and growing it copied it over.
        var encoder = RESPEncoder(capacity: commands.reduce(0) { $0 + $1.reduce(16) { $0 + $1.utf8.count + 16 } })
        for command in commands { encoder.append(command) }
        if encoder.withBytes({ redisAppendFormattedCommand(context, $0, $1) }) != REDIS_OK {
            throw lost(Self.errorText(of: context))
        }
        var done: Int32 = 0
        while done == 0 {
            if redisBufferWrite(context, &done) != REDIS_OK { throw lost(Self.errorText(of: context)) }
        }
    }

    /// Reads the next `count` replies (of commands sent with `write`), waiting for them.
    public func readReplies(_ count: Int) throws(RedisError) -> [RedisReply] {
        guard let context else { throw lost("connection is closed") }
        var replies: [RedisReply] = []
        replies.reserveCapacity(count)
        for _ in 0..<count {
            var raw: UnsafeMutableRawPointer?
            if redisGetReply(context, &raw) != REDIS_OK || raw == nil { throw lost(Self.errorText(of: context)) }
            replies.append(consume(raw!))
        }
        return replies
    }

    /// The connection's socket, to poll for readability (nil when closed).
    public var fileDescriptor: Int32? { context.map { $0.pointee.fd } }

    /// Reads what the socket has now (one `read`, which waits only if nothing has arrived) and returns the
    /// complete replies it holds, in order; a reply not yet complete stays buffered for the next call.
    public func readAvailable() throws(RedisError) -> [RedisReply] {
        guard let context else { throw lost("connection is closed") }
        if redisBufferRead(context) != REDIS_OK { throw lost(Self.errorText(of: context)) }
        var replies: [RedisReply] = []
        while true {
            var raw: UnsafeMutableRawPointer?
            if redisGetReplyFromReader(context, &raw) != REDIS_OK { throw lost(Self.errorText(of: context)) }
            guard let raw else { return replies }
            replies.append(consume(raw))
        }
    }

    private func lost(_ reason: String) -> RedisError {
        close()
        return RedisError(.connectionLost, "lost connection to redis at \(configuration): \(reason)")
    }

    private func consume(_ raw: UnsafeMutableRawPointer) -> RedisReply {
        defer { freeReplyObject(raw) }
        let reply = Self.convert(raw.assumingMemoryBound(to: redisReply.self))
        if reply.asksForAnotherConnection { serverRefused = true }
        return reply
    }

    private static func convert(_ reply: UnsafeMutablePointer<redisReply>) -> RedisReply {
        let value = reply.pointee
        switch value.type {
        case REDIS_REPLY_STRING:
            return .bulk(bytes(value.str, value.len))
        case REDIS_REPLY_STATUS:
            return .status(String(decoding: bytes(value.str, value.len), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            return .error(String(decoding: bytes(value.str, value.len), as: UTF8.self))
        case REDIS_REPLY_INTEGER:
            return .integer(Int64(value.integer))
        case REDIS_REPLY_ARRAY:
            var elements: [RedisReply] = []
            elements.reserveCapacity(value.elements)
            for index in 0..<value.elements {
                if let element = value.element[index] { elements.append(convert(element)) } else { elements.append(.null) }
            }
            return .array(elements)
        default:
            return .null
        }
    }

    private static func bytes(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> [UInt8] {
        guard let pointer, length > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: length))
    }

    static func errorText(of context: UnsafeMutablePointer<redisContext>) -> String {
        let text = withUnsafeBytes(of: context.pointee.errstr) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if !text.isEmpty { return text }
        return context.pointee.err == REDIS_ERR_EOF ? "Server closed the connection" : "I/O error"
    }

    static func timeval(seconds: Double) -> Glibc.timeval {
        let whole = Int(seconds)
        return Glibc.timeval(tv_sec: whole, tv_usec: Int((seconds - Double(whole)) * 1_000_000))
    }
}
