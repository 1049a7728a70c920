import BullpenCron
import FoundationEssentials

/// A repeatable job (BullMQ's job scheduler, Sidekiq's periodic job): a cron expression in a time zone, or
/// a fixed interval, that adds one job per tick, however many workers and supervisors run.
///
/// Downtime: when nothing ran for a while, missed ticks are not replayed in a burst; the schedule resumes at
/// its next tick. With `catchUp`, the last missed tick runs once.
public struct JobSchedule: Sendable, Hashable, Codable {
    /// The schedule's id (upserts replace the schedule with this id).
    public var id: String
    /// The name of the jobs it adds.
    public var jobName: String
    /// Their data (JSON text).
    public var data: String
    /// Their options (the queue's defaults fill the rest; `jobId` and `delay` are not used).
    public var options: JobOptions
    /// A cron expression (5 fields, or 6 with seconds), or nil for an interval.
    public var cron: String?
    /// The cron expression's time zone (IANA name, default UTC).
    public var timeZone: String?
    /// The interval in milliseconds, or nil for a cron schedule.
    public var every: Int64?
    /// Ticks of an interval fall on `anchor + k * every` (Unix ms; default 0).
    public var anchor: Int64?
    /// No tick before this time (Unix ms).
    public var start: Int64?
    /// No tick after this time (Unix ms).
    public var end: Int64?
    /// Stop after this many jobs.
    public var limit: Int?
    /// Run the last missed tick once after downtime (default false: skip to the next tick).
    public var catchUp: Bool

    /// A cron schedule.
    public init(id: String, cron: String, timeZone: String = "UTC", jobName: String? = nil, data: String = "{}",
                options: JobOptions = JobOptions(), start: Int64? = nil, end: Int64? = nil, limit: Int? = nil, catchUp: Bool = false) {
        self.init(id: id, jobName: jobName ?? id, data: data, options: options, cron: cron, timeZone: timeZone, every: nil,
                  anchor: nil, start: start, end: end, limit: limit, catchUp: catchUp)
    }

    /// An interval schedule.
    public init(id: String, every: Duration, anchor: Int64? = nil, jobName: String? = nil, data: String = "{}",
                options: JobOptions = JobOptions(), start: Int64? = nil, end: Int64? = nil, limit: Int? = nil, catchUp: Bool = false) {
        self.init(id: id, jobName: jobName ?? id, data: data, options: options, cron: nil, timeZone: nil,
                  every: every.milliseconds, anchor: anchor, start: start, end: end, limit: limit, catchUp: catchUp)
    }

    private init(id: String, jobName: String, data: String, options: JobOptions, cron: String?, timeZone: String?,
                 every: Int64?, anchor: Int64?, start: Int64?, end: Int64?, limit: Int?, catchUp: Bool) {
        self.id = id
        self.jobName = jobName
        self.data = data
        self.options = options
        self.cron = cron
        self.timeZone = timeZone
        self.every = every
        self.anchor = anchor
        self.start = start
        self.end = end
        self.limit = limit
        self.catchUp = catchUp
    }

    /// The calendar rule; throws with the field and the reason for an invalid expression or time zone.
    public func rule() throws(QueueError) -> Schedule {
        do {
            if let cron { return try Schedule(cron: cron, timeZone: timeZone ?? "UTC") }
            return try Schedule(every: every ?? 0, anchor: anchor ?? start ?? 0)
        } catch {
            throw QueueError(.invalidOption, "schedule \(id): \(error.message)")
        }
    }

    /// Checks the schedule before it is stored.
    func validate() throws(QueueError) {
        try JobID.validate(id)
        if id.contains("@") { throw QueueError(.invalidJobID, "invalid schedule id \"\(id)\": must not contain '@'") }
        if (cron == nil) == (every == nil) {
            throw QueueError(.invalidOption, "schedule \(id): give exactly one of cron and every")
        }
        _ = try rule()
        if let limit, limit < 1 { throw .option("schedule \(id) limit", limit, "must be 1 or more") }
        if let start, let end, end < start { throw .option("schedule \(id) end", end, "must not be before start") }
        try options.validate()
        if let problem = JSONText.problem(in: data) {
            throw QueueError(.invalidPayload, "schedule \(id): data is not valid JSON: \(problem)")
        }
    }

    /// The first tick strictly after `time` that lies within start and end (nil when there is none).
    public func nextTick(after time: Int64, rule: Schedule) -> Int64? {
        guard let next = rule.next(after: start.map { max(time, $0 - 1) } ?? time) else { return nil }
        if let end, next > end { return nil }
        return next
    }

    /// The id of the job a tick adds: the schedule id and the tick time, so a tick adds one job at most.
    public func jobID(tick: Int64) -> String { "\(id)@\(tick)" }
}

/// A stored schedule with its state.
public struct ScheduleState: Sendable, Hashable {
    /// The schedule.
    public var schedule: JobSchedule
    /// Jobs it added so far.
    public var runs: Int
    /// Its next tick (Unix ms), or nil when it is done.
    public var next: Int64?
    /// `topology` (from the topology file, removed when the file drops it) or `api`.
    public var source: String
}
