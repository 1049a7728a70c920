import BullpenRedis
import BullpenTestSupport

/// The private redis-server a run measures, and how both this process and `redis-benchmark` reach it
/// (always the same transport, so the comparison is like for like).
struct BenchTarget: Sendable {
    let server: RedisServer
    let transport: BenchOptions.Transport

    /// Starts a private server; with TCP it also listens on a free loopback port from 6400 up.
    init(transport: BenchOptions.Transport) throws {
        self.transport = transport
        let port = transport == .tcp ? try FreePort.find() : 0
        server = try RedisServer(port: port)
    }

    /// The configuration for this process's connections.
    var configuration: RedisConfiguration {
        switch transport {
        case .tcp: RedisConfiguration(address: .tcp(host: "127.0.0.1", port: server.port))
        case .unix: server.configuration
        }
    }

    /// `redis-benchmark`'s address flags.
    var redisBenchmarkArguments: [String] {
        switch transport {
        case .tcp: ["-h", "127.0.0.1", "-p", String(server.port)]
        case .unix: ["-s", server.socketPath]
        }
    }

    /// Where the server is, for the report.
    var address: String {
        switch transport {
        case .tcp: "tcp 127.0.0.1:\(server.port)"
        case .unix: "unix socket"
        }
    }
}
