/// A repeatable job of a queue, upserted by its id: on a cron expression or at a fixed interval.
public struct ScheduleSetting: Sendable, Equatable {
    /// When the job repeats.
    public enum Trigger: Sendable, Equatable {
        /// A cron expression, kept as text (the cron module checks its syntax), in an IANA time zone.
        case cron(String, timeZone: String)
        /// A fixed interval.
        case every(Duration)
    }

    /// The scheduler id: the key under `schedules`.
    public var id: String
    /// When the job repeats.
    public var trigger: Trigger
    /// The job name; defaults to ``id``.
    public var name: String
    /// The job's data as JSON text (`{"day": "today"}`, also valid YAML); nil for none.
    public var data: String?
    /// No job before this time, in Unix epoch milliseconds.
    public var start: Int64?
    /// No job after this time, in Unix epoch milliseconds.
    public var end: Int64?
    /// The most jobs this schedule adds, ever.
    public var limit: Int?
    /// After downtime, add one job for the ticks missed (true) or skip them (false, the default).
    public var catchUp: Bool

    /// Creates a schedule; `name` defaults to `id`.
    public init(
        id: String, trigger: Trigger, name: String? = nil, data: String? = nil,
        start: Int64? = nil, end: Int64? = nil, limit: Int? = nil, catchUp: Bool = false
    ) {
        self.id = id
        self.trigger = trigger
        self.name = name ?? id
        self.data = data
        self.start = start
        self.end = end
        self.limit = limit
        self.catchUp = catchUp
    }
}
