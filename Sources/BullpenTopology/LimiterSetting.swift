/// A queue's rate limit: at most ``max`` jobs started per ``duration``, across all its processes and hosts.
public struct LimiterSetting: Sendable, Equatable {
    /// Jobs per window, at least 1.
    public var max: Int
    /// The window, longer than zero.
    public var duration: Duration

    /// Creates a limit of `max` jobs per `duration`.
    public init(max: Int, duration: Duration) {
        self.max = max
        self.duration = duration
    }
}
