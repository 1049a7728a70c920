/// One line of the battery's ledger: what a handler did with one attempt of one job, in which process.
///
/// The ledger lives outside Redis, so lost and duplicated jobs are counted from evidence, not from the
/// queue's own counters. A line reads `S emails job-17 1 4242 1764480000123`: the event (`S` started,
/// `D` done, `C` cancelled), the queue, the job id, the attempt, the pid, and the wall clock in
/// milliseconds.
public struct LedgerEntry: Sendable, Hashable {
    /// What happened.
    public enum Event: String, Sendable, Hashable {
        /// The handler started the attempt.
        case started = "S"
        /// The handler finished the attempt and returned its result.
        case done = "D"
        /// The handler saw its task cancelled (lease lost, timeout, drain) and gave the job back.
        case cancelled = "C"
    }

    /// What happened.
    public var event: Event
    /// The job's queue.
    public var queue: String
    /// The job's id.
    public var id: String
    /// The attempt, from 1.
    public var attempt: Int
    /// The worker process that ran it.
    public var pid: Int32
    /// When, in milliseconds since 1970.
    public var time: Int64

    /// Creates an entry.
    public init(event: Event, queue: String, id: String, attempt: Int, pid: Int32, time: Int64) {
        self.event = event
        self.queue = queue
        self.id = id
        self.attempt = attempt
        self.pid = pid
        self.time = time
    }

    /// Parses one line; nil for a line that is not an entry.
    public init?(line: Substring) {
        let fields = line.split(separator: " ")
        guard fields.count == 6, let event = Event(rawValue: String(fields[0])), let attempt = Int(fields[3]),
            let pid = Int32(fields[4]), let time = Int64(fields[5])
        else { return nil }
        self.init(event: event, queue: String(fields[1]), id: String(fields[2]), attempt: attempt, pid: pid, time: time)
    }

    /// The entry as one line, newline included.
    public var line: String { "\(event.rawValue) \(queue) \(id) \(attempt) \(pid) \(time)\n" }
}
