/// How a `RedisClient` waits for the server when it cannot connect: exponential backoff between
/// attempts, and an optional limit after which it gives up.
public struct RedisReconnectPolicy: Sendable, Hashable {
    /// The first wait after a failed attempt, in seconds.
    public var initialDelay: Double
    /// The longest wait between attempts, in seconds.
    public var maximumDelay: Double
    /// Give up (throw `.connectionFailed`) after trying this long, in seconds; nil waits forever.
    public var giveUpAfter: Double?

    /// Creates a policy.
    public init(initialDelay: Double = 0.05, maximumDelay: Double = 2, giveUpAfter: Double? = 10) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.giveUpAfter = giveUpAfter
    }

    /// Fails at once when the server cannot be reached.
    public static let never = RedisReconnectPolicy(giveUpAfter: 0)
    /// Waits for the server however long it takes (workers: an outage must not make them exit).
    public static let forever = RedisReconnectPolicy(giveUpAfter: nil)

    /// The wait before attempt number `attempt` (1-based), doubling up to the maximum.
    func delay(attempt: Int) -> Double {
        min(maximumDelay, initialDelay * Double(1 << min(attempt - 1, 20)))
    }
}

/// What happened to a client's connection, for logging (the client itself never prints).
public enum RedisConnectionEvent: Sendable {
    /// Connecting failed and the client will retry after a wait; `attempt` counts from 1.
    case waiting(RedisError, attempt: Int)
    /// The client connected again after failures.
    case reconnected(afterSeconds: Double)
}
