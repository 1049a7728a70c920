/// The data of a battery job: how long its handler works, and whether it is a poison job.
public struct BatteryWork: Codable, Sendable, Hashable {
    /// Milliseconds the handler works (sleeps, cancellably).
    public var ms: Int
    /// A poison job: the handler aborts its whole process, every time.
    public var abort: Bool?

    /// Creates the data of a job.
    public init(ms: Int, abort: Bool? = nil) {
        self.ms = ms
        self.abort = abort
    }

    /// The `index`th job of a run whose durations spread over `range`, the same in every run (a prime
    /// stride scatters neighbours across the range).
    public static func spread(_ index: Int, over range: ClosedRange<Int>) -> BatteryWork {
        BatteryWork(ms: range.lowerBound + (index &* 7919) % range.count)
    }
}

/// What a battery job returns: the pid of the process that ran it, so the completed job names its runner.
public struct BatteryResult: Codable, Sendable, Hashable {
    /// The worker process that ran the attempt whose result was accepted.
    public var pid: Int32
}
