/// A queue's default job options, used when a job is added without its own.
public struct JobDefaults: Sendable, Equatable {
    /// Attempts before a job fails for good, 1...1000. Default 1.
    public var attempts: Int
    /// The wait between attempts; nil retries at once.
    public var backoff: BackoffSetting?
    /// 1 (highest) ... 2097152; nil for no priority (taken before prioritized jobs, as in BullMQ).
    public var priority: Int?
    /// How long a new job waits before it can run. Default 0s.
    public var delay: Duration
    /// Add new jobs at the head of the queue instead of the tail. Default false.
    public var lifo: Bool
    /// How long one attempt may run; nil for no limit.
    public var timeout: Duration?
    /// Which completed jobs are kept. Default: all.
    public var removeOnComplete: RetentionSetting
    /// Which failed jobs are kept. Default: all.
    public var removeOnFail: RetentionSetting

    /// Creates defaults; the defaults are the file's defaults.
    public init(
        attempts: Int = 1, backoff: BackoffSetting? = nil, priority: Int? = nil, delay: Duration = .zero,
        lifo: Bool = false, timeout: Duration? = nil,
        removeOnComplete: RetentionSetting = .keepAll, removeOnFail: RetentionSetting = .keepAll
    ) {
        self.attempts = attempts
        self.backoff = backoff
        self.priority = priority
        self.delay = delay
        self.lifo = lifo
        self.timeout = timeout
        self.removeOnComplete = removeOnComplete
        self.removeOnFail = removeOnFail
    }
}
