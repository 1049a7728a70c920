/// How a queue behaves, beyond its name: the key prefix, default job options, limits, events and the
/// dead-letter queue. Producers and workers of one queue should agree on these (the topology file is the
/// single source for both).
public struct QueueSettings: Sendable, Hashable {
    /// The key prefix (default `bullpen`).
    public var prefix: String
    /// Options for every job that does not set its own.
    public var defaults: JobOptions
    /// The largest job data accepted, in bytes (default 512 KiB).
    public var maxPayloadBytes: Int
    /// The deepest nesting accepted in job data (default 64).
    public var maxPayloadDepth: Int
    /// The cap of the queue's event stream (0 turns events off; default 10,000).
    public var maxEvents: Int
    /// Whether jobs that fail for good get a dead-letter entry (default true).
    public var deadLetter: Bool
    /// The cap of the dead-letter queue (default 10,000; the oldest entries go first).
    public var deadLetterMax: Int
    /// The most log lines kept per job (default 1,000).
    public var maxLogLines: Int

    /// Creates settings; every parameter has the default documented on its property.
    public init(
        prefix: String = "bullpen", defaults: JobOptions = JobOptions(), maxPayloadBytes: Int = 512 * 1024,
        maxPayloadDepth: Int = 64, maxEvents: Int = 10_000, deadLetter: Bool = true, deadLetterMax: Int = 10_000,
        maxLogLines: Int = 1_000
    ) {
        self.prefix = prefix
        self.defaults = defaults
        self.maxPayloadBytes = maxPayloadBytes
        self.maxPayloadDepth = maxPayloadDepth
        self.maxEvents = maxEvents
        self.deadLetter = deadLetter
        self.deadLetterMax = deadLetterMax
        self.maxLogLines = maxLogLines
    }

    func validate() throws(QueueError) {
        try QueueName.validatePrefix(prefix)
        var withoutID = defaults
        withoutID.jobId = nil
        try withoutID.validate()
        guard maxPayloadBytes > 0 else { throw .option("maxPayloadBytes", maxPayloadBytes, "must be more than 0") }
        guard maxPayloadDepth > 0 else { throw .option("maxPayloadDepth", maxPayloadDepth, "must be more than 0") }
        guard maxEvents >= 0 else { throw .option("maxEvents", maxEvents, "must be 0 or more") }
        guard deadLetterMax > 0 else { throw .option("deadLetterMax", deadLetterMax, "must be more than 0") }
        guard maxLogLines > 0 else { throw .option("maxLogLines", maxLogLines, "must be more than 0") }
    }

    /// The first four ARGV of every queue script (see `_queue.lua`).
    func scriptArguments(queue: String) -> [String] {
        [String(maxEvents), deadLetter ? "1" : "0", String(deadLetterMax), queue]
    }
}
