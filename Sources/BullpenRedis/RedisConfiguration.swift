/// Where and how to connect to Redis: parsed from a `redis://` or `unix://` URL.
///
/// - `redis://[user:password@]host[:port][/db]` (a password alone: `redis://:secret@host`)
/// - `unix:///path/to.sock[?db=N]` (credentials as `unix://user:password@/path/to.sock`)
public struct RedisConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// The server address.
    public enum Address: Sendable, Hashable {
        /// A TCP host and port.
        case tcp(host: String, port: Int)
        /// A Unix domain socket path.
        case unix(path: String)
    }

    /// The server address.
    public var address: Address
    /// The ACL user name (Redis 6+), or nil for the default user.
    public var user: String?
    /// The password for AUTH, or nil for none.
    public var password: String?
    /// The logical database to SELECT.
    public var database: Int
    /// How long a connection attempt may take, in seconds.
    public var connectTimeout: Double
    /// How long any single command may take, in seconds (blocking commands extend it by their own wait).
    public var commandTimeout: Double

    /// Creates a configuration from its parts.
    public init(
        address: Address, user: String? = nil, password: String? = nil, database: Int = 0,
        connectTimeout: Double = 5, commandTimeout: Double = 10
    ) {
        self.address = address
        self.user = user
        self.password = password
        self.database = database
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
    }

    /// Parses a `redis://` or `unix://` URL; a malformed one is rejected with an error that quotes it.
    public init(url: String, connectTimeout: Double = 5, commandTimeout: Double = 10) throws(RedisError) {
        let parsed = try RedisURL.parse(url)
        self.init(
            address: parsed.address, user: parsed.user, password: parsed.password, database: parsed.database,
            connectTimeout: connectTimeout, commandTimeout: commandTimeout)
    }

    /// The address for messages, without credentials: `127.0.0.1:6379` or `/run/redis.sock`.
    public var description: String {
        switch address {
        case .tcp(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path): return path
        }
    }
}
