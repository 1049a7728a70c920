/// How long a worker's jobs run lately, to decide whether taking jobs ahead pays (see ``TakeGate``).
///
/// A job taken ahead waits until a running one ends. For jobs of a millisecond that wait is short, and
/// the worker gains much: its finishes leave in bigger batches, and a slot starts its next job without
/// waiting a round trip for it. For jobs of seconds the wait is long, and a job held there could have
/// started at once in another process. So jobs are taken ahead only while the recent ones ran under
/// ``shortJob`` (an average that weighs the last eight jobs most), and not before the first job ended.
struct JobPace: Sendable {
    /// Jobs that run shorter than this, on average, are worth taking ahead.
    static let shortJob = Duration.milliseconds(10)

    /// The average run time in nanoseconds; nil until a job ended.
    private var average: Int64?
    /// ``shortJob``, or another bound (tests).
    private let bound: Int64

    init(shortJob: Duration = Self.shortJob) {
        bound = Self.nanoseconds(shortJob)
    }

    /// Whether the recent jobs ran short.
    var isShort: Bool { average.map { $0 < bound } ?? false }

    /// Records how long a handler ran.
    mutating func record(_ duration: Duration) {
        let sample = Self.nanoseconds(duration)
        average = average.map { $0 + (sample - $0) / 8 } ?? sample
    }

    /// A job taken ahead waited `duration` for a permit and went back: count it as a job that long, and
    /// at least a long one, so that a run of long jobs stops the taking ahead at once.
    mutating func recordLongWait(_ duration: Duration) {
        average = max(average ?? 0, Self.nanoseconds(duration), bound)
    }

    /// `duration` in whole nanoseconds (a job of more than 292 years counts as that long).
    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : whole + attoseconds / 1_000_000_000
    }
}
