/// How long a failed job waits before its next attempt.
public struct BackoffSetting: Sendable, Equatable {
    /// The shape of the wait.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The same ``BackoffSetting/delay`` before every retry.
        case fixed
        /// ``BackoffSetting/delay`` × 2^(attempt − 1).
        case exponential
    }

    /// The shape of the wait.
    public var kind: Kind
    /// The base delay.
    public var delay: Duration
    /// A random share of the delay taken off each wait, 0 (none) to 1. Default 0.
    public var jitter: Double

    /// Creates a backoff.
    public init(kind: Kind, delay: Duration, jitter: Double = 0) {
        self.kind = kind
        self.delay = delay
        self.jitter = jitter
    }
}
