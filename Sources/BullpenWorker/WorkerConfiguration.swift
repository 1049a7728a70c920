/// How a worker runs its queue's jobs.
public struct WorkerConfiguration: Sendable {
    /// The worker's id: the supervisor releases a dead worker's jobs by it. Unique per process.
    public var workerID: String
    /// Jobs run at once (default 1).
    public var concurrency: Int
    /// How long a taken job stays leased without renewal (default 30 s). Leases are renewed every third.
    public var lease: Duration
    /// How often the worker returns jobs whose lease expired, from any worker of the queue (default 30 s).
    public var stalledInterval: Duration
    /// Times a job may stall and still be retried (default 1).
    public var maxStalls: Int
    /// A rate limit for the queue, shared by every worker of it; nil for none.
    public var rateLimit: RateLimit?
    /// The handler timeout for jobs that set none; nil for none.
    public var defaultTimeout: Duration?
    /// The longest an idle worker blocks in Redis before it looks again (default 15 s). Each wait ends
    /// with a take (about seven commands, the wait included), which also finds work whose wake-up went to
    /// a worker that died; the default keeps an idle worker under one command a second.
    public var idleWait: Duration
    /// Stop (and let the supervisor start a fresh process) after this many jobs; nil for no limit.
    public var maxJobs: Int?
    /// Run the slots and their handlers on the worker's Redis connection thread (default false), as Node
    /// runs BullMQ's handlers on its event loop: a job then costs no thread hand-off between the
    /// connection and Swift's pool, and the finishes of the slots leave together. 2 processes x 10 ran
    /// no-op jobs 38% faster (one process x 10 13% slower: one thread then does all its work). Only for
    /// handlers that never block and never compute for long (ones that await network calls): while a
    /// handler runs, the connection sends and reads nothing, so a handler that holds the thread delays
    /// every other job of the process and the renewal of their leases.
    public var inlineHandlers: Bool

    /// Creates a configuration; every parameter but the id has the default documented on its property.
    public init(
        workerID: String, concurrency: Int = 1, lease: Duration = .seconds(30), stalledInterval: Duration = .seconds(30),
        maxStalls: Int = 1, rateLimit: RateLimit? = nil, defaultTimeout: Duration? = nil, idleWait: Duration = .seconds(15),
        maxJobs: Int? = nil, inlineHandlers: Bool = false
    ) {
        self.workerID = workerID
        self.concurrency = max(1, concurrency)
        self.lease = lease
        self.stalledInterval = stalledInterval
        self.maxStalls = maxStalls
        self.rateLimit = rateLimit
        self.defaultTimeout = defaultTimeout
        self.idleWait = idleWait
        self.maxJobs = maxJobs
        self.inlineHandlers = inlineHandlers
    }

    var takeRequest: TakeRequest { TakeRequest(workerID: workerID, lease: lease, rateLimit: rateLimit) }
}
