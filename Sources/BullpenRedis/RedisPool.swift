import Synchronization

/// A small set of clients shared by many concurrent callers (a web app adding jobs from its request
/// handlers): each call goes to the next client in turn, so up to `size` commands are in flight at once.
public final class RedisPool: Sendable {
    /// The clients, one connection each.
    public let clients: [RedisClient]
    private let next = Atomic<Int>(0)

    /// Creates a pool of `size` clients (connections are made on first use).
    public init(
        _ configuration: RedisConfiguration, size: Int = 4,
        reconnect: RedisReconnectPolicy = RedisReconnectPolicy(),
        onEvent: (@Sendable (RedisConnectionEvent) -> Void)? = nil
    ) {
        precondition(size > 0, "a redis pool needs at least one connection")
        clients = (0..<size).map { _ in RedisClient(configuration, reconnect: reconnect, onEvent: onEvent) }
    }

    /// The configuration of the pool's connections.
    public var configuration: RedisConfiguration { clients[0].configuration }

    /// A client for the next call (round robin).
    public func client() -> RedisClient {
        let index = next.add(1, ordering: .relaxed).oldValue
        return clients[(index % clients.count + clients.count) % clients.count]
    }

    /// Closes every connection.
    public func close() async {
        for client in clients { await client.close() }
    }
}
