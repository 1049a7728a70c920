/// Where the queues live: a Redis the supervisor starts itself, or one at a URL.
public enum RedisEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// A private `redis-server` run by the supervisor (see ``EmbeddedRedisSetting``).
    case embedded
    /// An external Redis, as validated text: `redis://[user:pass@]host[:port][/db]` or
    /// `unix:///path.sock[?db=N]`. The Redis client parses it into a connection.
    case url(String)

    /// The text as the topology file spells it: `embedded` or the URL.
    public var description: String {
        switch self {
        case .embedded: "embedded"
        case .url(let url): url
        }
    }

    /// The URL text with any password replaced by `***`, for logs and plans.
    public var redacted: String {
        guard case .url(let url) = self, let schemeEnd = url.range(of: "://") else { return description }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        guard let at = authority.lastIndex(of: "@"),
              let colon = authority[..<at].firstIndex(of: ":") else { return url }
        return url[..<schemeEnd.upperBound] + rest[..<rest.index(after: colon)] + "***" + rest[at...]
    }

    /// The expectation appended to every parse error.
    static let expected = "expected embedded, redis://[user:pass@]host[:port][/db] or unix:///path.sock[?db=N]"

    /// Parses `embedded` or a Redis URL, checking its shape (scheme, host, port, database number).
    ///
    /// - Throws: ``ValueSyntaxError`` with code ``ValueSyntaxError/Code/invalidRedisURL`` naming the text.
    public static func parse(_ text: String) throws(ValueSyntaxError) -> RedisEndpoint {
        if text == "embedded" { return .embedded }
        guard let schemeEnd = text.range(of: "://") else { throw failure(text, nil) }
        switch text[..<schemeEnd.lowerBound].lowercased() {
        case "redis": try checkNetworkURL(text, rest: text[schemeEnd.upperBound...])
        case "unix": try checkSocketURL(text, rest: text[schemeEnd.upperBound...])
        case "rediss": throw failure(text, "TLS (rediss://) is not supported")
        case let scheme: throw failure(text, "unknown scheme \"\(scheme)\"")
        }
        return .url(text)
    }

    private static func checkNetworkURL(_ text: String, rest: Substring) throws(ValueSyntaxError) {
        let authority = rest.prefix { $0 != "/" }
        let path = rest.dropFirst(authority.count)
        let hostPort = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        var host = hostPort
        var port: Substring?
        if hostPort.hasPrefix("[") {
            // An IPv6 literal: [::1]:6379.
            guard let close = hostPort.firstIndex(of: "]") else { throw failure(text, "unclosed IPv6 address") }
            host = hostPort[...close]
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw failure(text, nil) }
                port = after.dropFirst()
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            port = hostPort[hostPort.index(after: colon)...]
        }
        guard !host.isEmpty, !host.contains(where: \.isWhitespace) else { throw failure(text, "missing host") }
        if let port {
            guard let number = Int(port), (1...65_535).contains(number) else {
                throw failure(text, "invalid port \"\(port)\"")
            }
        }
        if path.count > 1 {
            try checkDatabase(text, path.dropFirst())
        }
    }

    private static func checkSocketURL(_ text: String, rest: Substring) throws(ValueSyntaxError) {
        let path = rest.prefix { $0 != "?" }
        guard path.hasPrefix("/"), path.count > 1 else {
            throw failure(text, "a socket needs an absolute path, as in unix:///run/redis.sock")
        }
        let query = rest.dropFirst(path.count)
        if !query.isEmpty {
            guard query.hasPrefix("?db=") else { throw failure(text, "the only query is ?db=N") }
            try checkDatabase(text, query.dropFirst(4))
        }
    }

    private static func checkDatabase(_ text: String, _ database: Substring) throws(ValueSyntaxError) {
        guard let number = Int(database), number >= 0 else {
            throw failure(text, "invalid database number \"\(database)\"")
        }
    }

    private static func failure(_ text: String, _ reason: String?) -> ValueSyntaxError {
        let detail = reason.map { "\($0); " } ?? ""
        // The message goes to logs: never repeat a password in it.
        let shown = RedisEndpoint.url(text).redacted
        return ValueSyntaxError(.invalidRedisURL, text: text, message: "invalid Redis URL \"\(shown)\" (\(detail)\(expected))")
    }
}
