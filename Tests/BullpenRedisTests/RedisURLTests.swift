import BullpenRedis
import Testing

@Suite struct RedisURLTests {
    @Test(arguments: [
        ("redis://127.0.0.1", RedisConfiguration.Address.tcp(host: "127.0.0.1", port: 6379), nil, nil, 0),
        ("redis://localhost:6380/2", .tcp(host: "localhost", port: 6380), nil, nil, 2),
        ("redis://:s3cret@h:1", .tcp(host: "h", port: 1), nil, "s3cret", 0),
        ("redis://app:p%40ss@h/3", .tcp(host: "h", port: 6379), "app", "p@ss", 3),
        ("redis://[::1]:7000", .tcp(host: "::1", port: 7000), nil, nil, 0),
        ("unix:///run/redis.sock", .unix(path: "/run/redis.sock"), nil, nil, 0),
        ("unix:///run/redis.sock?db=5", .unix(path: "/run/redis.sock"), nil, nil, 5),
        ("unix://worker:pw@/tmp/r.sock", .unix(path: "/tmp/r.sock"), "worker", "pw", 0),
    ] as [(String, RedisConfiguration.Address, String?, String?, Int)])
    func parsesValidURLs(url: String, address: RedisConfiguration.Address, user: String?, password: String?, db: Int) throws {
        let configuration = try RedisConfiguration(url: url)
        #expect(configuration.address == address)
        #expect(configuration.user == user)
        #expect(configuration.password == password)
        #expect(configuration.database == db)
    }

    @Test(arguments: [
        ("http://localhost", "expected redis://"),
        ("redis://", "missing host"),
        ("redis://host:0", "invalid port \"0\""),
        ("redis://host:99999", "invalid port \"99999\""),
        ("redis://host:abc", "invalid port \"abc\""),
        ("redis://host/x", "invalid database \"x\""),
        ("redis://ho st", "invalid host \"ho st\""),
        ("redis://[::1", "unclosed '['"),
        ("unix://relative.sock", "absolute socket path"),
        ("unix:///s.sock?db=-1", "invalid database \"-1\""),
        ("unix:///s.sock?foo=1", "unknown query parameter \"foo=1\""),
        ("redis://u:%zz@h", "percent-encoding"),
        ("", "expected redis://"),
    ])
    func rejectsMalformedURLsQuotingThem(url: String, reason: String) {
        #expect {
            _ = try RedisConfiguration(url: url)
        } throws: { error in
            let error = error as! RedisError
            return error.code == .invalidURL && error.message.contains("\"") && error.message.contains(reason)
        }
    }

    @Test func neverPrintsThePassword() {
        #expect {
            _ = try RedisConfiguration(url: "redis://app:topsecret@host:notaport")
        } throws: { error in
            let message = (error as! RedisError).message
            return !message.contains("topsecret") && message.contains("redis://app:***@host:notaport")
        }
    }
}
