/// The parser behind `RedisConfiguration(url:)`. Hand-written so that a malformed URL always yields an
/// error quoting it, never a crash, and so that unix socket paths and IPv6 hosts are handled exactly.
enum RedisURL {
    struct Parts {
        var address: RedisConfiguration.Address
        var user: String?
        var password: String?
        var database: Int
    }

    static func parse(_ url: String) throws(RedisError) -> Parts {
        func fail(_ reason: String) -> RedisError {
            RedisError(.invalidURL, "invalid redis URL \"\(redacted(url))\": \(reason)")
        }
        let scheme: String
        var rest: Substring
        if url.hasPrefix("redis://") {
            scheme = "redis"; rest = url.dropFirst("redis://".count)
        } else if url.hasPrefix("unix://") {
            scheme = "unix"; rest = url.dropFirst("unix://".count)
        } else {
            throw fail("expected redis://host[:port][/db] or unix:///path/to.sock")
        }
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var user: String?
        var password: String?
        // The credentials end at the last '@' so that a password may contain '@' when percent-encoding is
        // forgotten; the socket path after it may not.
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let pieces = credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try percentDecoded(pieces[0], fail)
            user = name.isEmpty ? nil : name
            if pieces.count == 2 { password = try percentDecoded(pieces[1], fail) }
        }
        var database = 0
        for item in query.split(separator: "&") where !item.isEmpty {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, pair[0] == "db" else { throw fail("unknown query parameter \"\(item)\"") }
            database = try parseDatabase(pair[1], fail)
        }
        if scheme == "unix" {
            guard rest.hasPrefix("/"), rest.count > 1 else { throw fail("expected an absolute socket path") }
            return Parts(address: .unix(path: String(rest)), user: user, password: password, database: database)
        }
        var hostPort = rest
        if let slash = rest.firstIndex(of: "/") {
            hostPort = rest[..<slash]
            let db = rest[rest.index(after: slash)...]
            if !db.isEmpty { database = try parseDatabase(db, fail) }
        }
        var host: Substring
        var portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw fail("unclosed '[' in the host") }
            host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw fail("unexpected text after the IPv6 host") }
                portText = after.dropFirst()
            }
        } else if let colon = hostPort.firstIndex(of: ":") {
            host = hostPort[..<colon]
            portText = hostPort[hostPort.index(after: colon)...]
        } else {
            host = hostPort
        }
        guard !host.isEmpty else { throw fail("missing host") }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || "-._:".contains($0) }) else {
            throw fail("invalid host \"\(host)\"")
        }
        var port = 6379
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw fail("invalid port \"\(portText)\" (expected 1-65535)")
            }
            port = value
        }
        return Parts(address: .tcp(host: String(host), port: port), user: user, password: password, database: database)
    }

    private static func parseDatabase(_ text: Substring, _ fail: (String) -> RedisError) throws(RedisError) -> Int {
        guard let value = Int(text), value >= 0, value < 100_000 else {
            throw fail("invalid database \"\(text)\" (expected a number from 0)")
        }
        return value
    }

    private static func percentDecoded(_ text: Substring, _ fail: (String) -> RedisError) throws(RedisError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { throw fail("invalid percent-encoding in the credentials") }
            bytes.append(value)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The URL with any password replaced, so that errors and logs never print a secret.
    static func redacted(_ url: String) -> String {
        let schemeLength = url.hasPrefix("redis://") ? 8 : url.hasPrefix("unix://") ? 7 : 0
        let start = url.index(url.startIndex, offsetBy: schemeLength)
        guard schemeLength > 0, let at = url.lastIndex(of: "@"), at > start else { return url }
        let credentials = url[start..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}
