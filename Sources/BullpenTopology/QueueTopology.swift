/// One queue of the topology: how many worker processes run it, how they run, and its job defaults.
///
/// Two values are equal when a running queue would behave the same, so the supervisor restarts a queue's
/// slots on reload exactly when its value changed (see ``TopologyDiff``).
public struct QueueTopology: Sendable, Equatable {
    /// The queue name: 1...100 characters, no `:`, `{`, `}` or whitespace.
    public var name: String
    /// Worker processes, 0...64 (0 keeps the queue defined but idle). Default 1.
    public var processes: Int
    /// Jobs run at once in each process, 1...1000. Default 1.
    public var concurrency: Int
    /// Jobs each process may take ahead of those it runs, 0...1000, taken only while jobs run short;
    /// nil for twice `concurrency`, or 0 for a `concurrency` of 1 (see the worker's `prefetch`).
    public var prefetch: Int?
    /// A rate limit across all processes; nil for none.
    public var limiter: LimiterSetting?
    /// How long a taken job stays leased without renewal. Default 30s.
    public var lease: Duration
    /// How often workers look for jobs whose lease expired. Default 30s.
    public var stalledInterval: Duration
    /// Times a job may stall before it fails, 0...1000. Default 1.
    public var maxStalled: Int
    /// Worker crashes a job may cause before it goes to the dead-letter queue, 1...1000. Default 3.
    public var maxCrashes: Int
    /// How long a draining worker may finish its jobs; nil uses ``Topology/stopTimeout``.
    public var stopTimeout: Duration?
    /// Jobs a process runs before it is replaced by a fresh one; nil for no limit.
    public var maxJobsPerProcess: Int?
    /// Resident memory, in bytes, above which a process is replaced after its current jobs; nil for none.
    public var maxMemory: Int64?
    /// The largest job data accepted, in bytes. Default 512KiB.
    public var maxPayload: Int64
    /// The dead-letter queue.
    public var deadLetter: DeadLetterSetting
    /// An external command that runs the jobs; nil when the app registers a Swift handler.
    public var handler: ExecHandlerSetting?
    /// Default options for jobs added to this queue.
    public var defaults: JobDefaults
    /// Repeatable jobs, in file order.
    public var schedules: [ScheduleSetting]

    /// Creates a queue; the defaults are the file's defaults.
    public init(
        name: String, processes: Int = 1, concurrency: Int = 1, prefetch: Int? = nil, limiter: LimiterSetting? = nil,
        lease: Duration = .seconds(30), stalledInterval: Duration = .seconds(30), maxStalled: Int = 1,
        maxCrashes: Int = 3, stopTimeout: Duration? = nil, maxJobsPerProcess: Int? = nil,
        maxMemory: Int64? = nil, maxPayload: Int64 = 524_288, deadLetter: DeadLetterSetting = .init(),
        handler: ExecHandlerSetting? = nil, defaults: JobDefaults = .init(), schedules: [ScheduleSetting] = []
    ) {
        self.name = name
        self.processes = processes
        self.concurrency = concurrency
        self.prefetch = prefetch
        self.limiter = limiter
        self.lease = lease
        self.stalledInterval = stalledInterval
        self.maxStalled = maxStalled
        self.maxCrashes = maxCrashes
        self.stopTimeout = stopTimeout
        self.maxJobsPerProcess = maxJobsPerProcess
        self.maxMemory = maxMemory
        self.maxPayload = maxPayload
        self.deadLetter = deadLetter
        self.handler = handler
        self.defaults = defaults
        self.schedules = schedules
    }
}
