/// How a worker runs its queue's jobs.
public struct WorkerConfiguration: Sendable {
    /// The worker's id: the supervisor releases a dead worker's jobs by it. Unique per process.
    public var workerID: String
    /// Jobs run at once (default 1).
    public var concurrency: Int
    /// Jobs the worker may hold beyond those it runs, taken ahead so that a slot starts its next job
    /// without waiting for a round trip, and its finishes leave in bigger batches. Default: twice
    /// `concurrency`, and none for a `concurrency` of 1, whose jobs then start in the order they were
    /// taken; 0 for none. A queue with a rate limit takes none ahead: a job handed back unrun would have
    /// used up its share of the limit. (Celery's default is four times its concurrency, running jobs
    /// included.)
    ///
    /// Jobs are taken ahead only while the recent ones ran under 10 ms on average (see `JobPace`). A job
    /// held ahead waits until a running one ends; one that waits longer than 100 ms goes back to the queue
    /// for another worker, and a job taken ahead may start before one taken just before it, when its slot
    /// asks for a permit first. Held jobs are leased like running ones, and go back unrun, without using
    /// up an attempt, when the worker turns quiet or closes. What it gains is measured in
    /// docs/engineering-notes.md.
    public var prefetch: Int
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
    /// Start this many jobs, then stop once they are reported (and let the supervisor start a fresh
    /// process); nil for no limit.
    public var maxJobs: Int?
    /// Run the slots and their handlers on the worker's Redis connection thread (default false), as Node
    /// runs BullMQ's handlers on its event loop: a job then costs no thread hand-off between the
    /// connection and Swift's pool, and the finishes of the slots leave together. 2 processes x 10 ran
    /// no-op jobs 17% faster (one process x 10 40% slower: one thread then does all its work). Only for
    /// handlers that never block and never compute for long (ones that await network calls): while a
    /// handler runs, the connection sends and reads nothing, so a handler that holds the thread delays
    /// every other job of the process and the renewal of their leases.
    public var inlineHandlers: Bool
    /// Jobs are taken ahead while they run shorter than this on average (``JobPace/shortJob``; tests on a
    /// loaded machine raise it).
    var shortJob = JobPace.shortJob
    /// How long a job taken ahead may wait for a permit before it goes back to the queue, where another
    /// worker may start it at once (the running jobs turned out long; see `JobPace`). Tests raise it.
    var aheadWaitLimit = Duration.milliseconds(100)

    /// Creates a configuration; every parameter but the id has the default documented on its property.
    public init(
        workerID: String, concurrency: Int = 1, lease: Duration = .seconds(30), stalledInterval: Duration = .seconds(30),
        maxStalls: Int = 1, rateLimit: RateLimit? = nil, defaultTimeout: Duration? = nil, idleWait: Duration = .seconds(15),
        maxJobs: Int? = nil, inlineHandlers: Bool = false, prefetch: Int? = nil
    ) {
        self.workerID = workerID
        self.concurrency = max(1, concurrency)
        self.prefetch = max(0, prefetch ?? (self.concurrency > 1 ? 2 * self.concurrency : 0))
        self.lease = lease
        self.stalledInterval = stalledInterval
        self.maxStalls = maxStalls
        self.rateLimit = rateLimit
        self.defaultTimeout = defaultTimeout
        self.idleWait = idleWait
        self.maxJobs = maxJobs
        self.inlineHandlers = inlineHandlers
    }

    /// The slots beyond `concurrency`: `prefetch`, or none with a rate limit.
    var slotsAhead: Int { rateLimit == nil ? prefetch : 0 }

    var takeRequest: TakeRequest { TakeRequest(workerID: workerID, lease: lease, rateLimit: rateLimit) }
}
