/// How the supervisor restarts a worker that died: a backoff that doubles on quick deaths, and a limit of
/// quick deaths in a row after which the slot is `fatal` instead of restarting forever.
public struct RestartPolicy: Sendable, Equatable {
    /// The first backoff after a quick death. Default 1s.
    public var backoffStart: Duration
    /// The cap on the doubling backoff. Default 60s.
    public var backoffMax: Duration
    /// Quick deaths in a row that make the slot `fatal`. Default 5.
    public var fatalAfter: Int
    /// A worker that dies sooner than this after starting died quickly. Default 10s.
    public var quickDeath: Duration

    /// Creates a policy; the defaults are the file's defaults.
    public init(
        backoffStart: Duration = .seconds(1), backoffMax: Duration = .seconds(60),
        fatalAfter: Int = 5, quickDeath: Duration = .seconds(10)
    ) {
        self.backoffStart = backoffStart
        self.backoffMax = backoffMax
        self.fatalAfter = fatalAfter
        self.quickDeath = quickDeath
    }
}
