/// How long to wait before retrying a failed job: `fixed` waits `delay` each time, `exponential` waits
/// `delay * 2^(attempt-1)`. `jitter` (0...1) takes up to that fraction off at random, so that a burst of
/// failures does not retry in lockstep.
public struct Backoff: Sendable, Hashable, Codable {
    /// The backoff strategy.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The same delay before every retry.
        case fixed
        /// The delay doubles with each attempt.
        case exponential
    }

    /// The strategy.
    public var type: Kind
    /// The base delay in milliseconds.
    public var delay: Int64
    /// The random fraction (0...1) taken off each delay; 0 for none.
    public var jitter: Double

    /// Creates a backoff.
    public init(_ type: Kind, delay: Duration, jitter: Double = 0) {
        self.type = type
        self.delay = delay.milliseconds
        self.jitter = jitter
    }

    /// A fixed backoff.
    public static func fixed(_ delay: Duration, jitter: Double = 0) -> Backoff { Backoff(.fixed, delay: delay, jitter: jitter) }
    /// An exponential backoff.
    public static func exponential(_ delay: Duration, jitter: Double = 0) -> Backoff {
        Backoff(.exponential, delay: delay, jitter: jitter)
    }

    /// The delay before the retry that follows failed attempt number `attemptsMade` (1-based), in ms.
    public func delayMilliseconds(afterAttempt attemptsMade: Int, random: Double = Double.random(in: 0..<1)) -> Int64 {
        var base = Double(delay)
        if type == .exponential { base *= Double(1 << min(max(attemptsMade - 1, 0), 40)) }
        base = min(base, Double(Int64.max / 2))
        return Int64(base * (1 - jitter * random))
    }

    func validate() throws(QueueError) {
        guard delay >= 0 else { throw .option("backoff.delay", "\(delay)ms", "must be 0 or more") }
        guard jitter >= 0, jitter <= 1 else { throw .option("backoff.jitter", jitter, "must be from 0 to 1") }
    }
}

extension Duration {
    /// The duration in whole milliseconds.
    public var milliseconds: Int64 {
        let parts = components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}
