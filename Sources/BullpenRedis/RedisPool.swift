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

    /// A client for the next call: the one whose connection thread runs the caller (see
    /// `onConnectionThread`), else the next in turn (round robin).
    public func client() -> RedisClient {
        if let own = clients.first(where: \.isCurrentThread) { return own }
        let index = next.add(1, ordering: .relaxed).oldValue
        return clients[(index % clients.count + clients.count) % clients.count]
    }

    /// Runs `body` on the connection thread of the pool's next client, whose calls it then makes (see
    /// `RedisClient.onConnectionThread`, and its caution: only for code that never blocks).
    public func onConnectionThread<R, Failure: Error>(_ body: () async throws(Failure) -> R) async throws(Failure) -> R {
        try await client().onConnectionThread(body)
    }

    /// Closes every connection.
    public func close() async {
        for client in clients { await client.close() }
    }
}
