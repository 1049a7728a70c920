/// Which finished jobs to keep (`removeOnComplete` / `removeOnFail`): everything, nothing, the newest
/// `count`, those younger than `age`, or both limits at once.
public struct JobRetention: Sendable, Hashable, Codable {
    /// Keep at most this many (the newest); nil for no count limit; 0 removes each job as it finishes.
    public var count: Int?
    /// Keep jobs finished less than this long ago, in milliseconds; nil for no age limit.
    public var age: Int64?

    /// Creates a rule.
    public init(count: Int? = nil, age: Duration? = nil) {
        self.count = count
        self.age = age?.milliseconds
    }

    /// Keep every finished job (BullMQ's `false`).
    public static let keepAll = JobRetention()
    /// Remove each job as soon as it finishes (BullMQ's `true`).
    public static let removeAll = JobRetention(count: 0)
    /// Keep the newest `count` jobs.
    public static func keep(_ count: Int) -> JobRetention { JobRetention(count: count) }
    /// Keep jobs that finished less than `age` ago.
    public static func keep(for age: Duration) -> JobRetention { JobRetention(age: age) }

    func validate(_ name: String) throws(QueueError) {
        if let count, count < 0 { throw .option("\(name).count", count, "must be 0 or more") }
        if let age, age <= 0 { throw .option("\(name).age", "\(age)ms", "must be more than 0") }
    }

    /// The script's form: count (-1 = all) and age in ms (0 = any).
    var scriptArguments: [String] { [String(count ?? -1), String(age ?? 0)] }
}
