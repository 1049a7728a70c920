import FoundationEssentials
// Named time zones (`TimeZone(identifier:)`) come with the ICU data of this module:
// FoundationEssentials alone knows only GMT offsets.
import FoundationInternationalization

/// When a repeatable job runs: a cron expression in a time zone, or a fixed interval from an anchor.
///
/// Times are Unix milliseconds, so callers can feed it the Redis server's clock (`TIME`) rather than the
/// host's. A `Schedule` is valid by construction: the throwing initializers check the expression, the time
/// zone name and the interval.
public struct Schedule: Sendable, Hashable, CustomStringConvertible {
    /// The rule a schedule follows.
    public enum Rule: Sendable, Hashable {
        /// Runs when the cron expression matches the wall-clock time in the time zone.
        case cron(CronExpression, TimeZone)
        /// Runs at `anchor + k * milliseconds` for k = 0, 1, 2 … (Unix milliseconds).
        case every(milliseconds: Int64, anchor: Int64)
    }

    /// The rule this schedule follows.
    public let rule: Rule

    /// A cron schedule from a parsed expression and a time zone.
    public init(cron expression: CronExpression, timeZone: TimeZone) {
        rule = .cron(expression, timeZone)
    }

    /// A cron schedule from the text of an expression and an IANA time zone name (`Europe/Berlin`).
    public init(cron expression: String, timeZone name: String = "UTC") throws(CronError) {
        self.init(cron: try CronExpression(parsing: expression), timeZone: try Self.timeZone(named: name))
    }

    /// An interval schedule: runs every `milliseconds`, at `anchor + k * milliseconds` (k ≥ 0).
    ///
    /// The anchor is the first run; the default, 0, aligns runs to multiples of the interval since 1970
    /// (an hourly interval runs on the hour, UTC).
    public init(every milliseconds: Int64, anchor: Int64 = 0) throws(CronError) {
        guard milliseconds > 0 else {
            throw CronError(
                code: .invalidInterval, input: String(milliseconds), field: nil,
                reason: "must be a positive number of milliseconds",
                message: "invalid interval \(milliseconds)ms: must be a positive number of milliseconds")
        }
        rule = .every(milliseconds: milliseconds, anchor: anchor)
    }

    /// The time zone with the IANA name `name`, or an error naming it.
    public static func timeZone(named name: String) throws(CronError) -> TimeZone {
        guard let zone = TimeZone(identifier: name) else {
            throw CronError(
                code: .unknownTimeZone, input: name, field: nil,
                reason: "not in the tz database",
                message: "unknown time zone \"\(name)\": not in the tz database")
        }
        return zone
    }

    /// The first run strictly after `after` (Unix milliseconds), or nil if there is none (a cron
    /// expression with no run within ``CronExpression/searchHorizonSeconds``, or an overflow).
    public func next(after: Int64) -> Int64? {
        switch rule {
        case let .cron(expression, timeZone):
            let seconds = expression.nextSecond(after: after.floorDivided(by: 1000), in: timeZone)
            return seconds.flatMap { checked($0.multipliedReportingOverflow(by: 1000)) }
        case let .every(milliseconds, anchor):
            guard after >= anchor else { return anchor }
            // Overflow needs instants near Int64's limits; there is no next run then.
            guard let elapsed = checked(after.subtractingReportingOverflow(anchor)),
                  let distance = checked((elapsed / milliseconds + 1).multipliedReportingOverflow(by: milliseconds))
            else { return nil }
            return checked(anchor.addingReportingOverflow(distance))
        }
    }

    /// The next `count` runs strictly after `after` (Unix milliseconds), in order, for listings such as
    /// `bullpen schedules list`; fewer when there are no more.
    public func nextRuns(after: Int64, count: Int) -> [Int64] {
        var runs: [Int64] = []
        var cursor = after
        while runs.count < count, let next = next(after: cursor) {
            runs.append(next)
            cursor = next
        }
        return runs
    }

    /// `cron "0 9 * * *" in Europe/Berlin` or `every 15m from 2026-01-01T00:00:00.000Z`.
    public var description: String {
        switch rule {
        case let .cron(expression, timeZone):
            "cron \"\(expression)\" in \(timeZone.identifier)"
        case let .every(milliseconds, anchor):
            "every \(Self.format(milliseconds: milliseconds)) from \(Self.format(unixMilliseconds: anchor))"
        }
    }
}

extension Schedule {
    /// A duration in its largest exact unit: `15m`, `2h`, `1500ms`.
    static func format(milliseconds: Int64) -> String {
        let units: [(suffix: String, size: Int64)] = [("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000)]
        for unit in units where milliseconds % unit.size == 0 {
            return "\(milliseconds / unit.size)\(unit.suffix)"
        }
        return "\(milliseconds)ms"
    }

    /// An instant as ISO 8601 in UTC with milliseconds: `2026-01-01T00:00:00.000Z`.
    static func format(unixMilliseconds: Int64) -> String {
        let seconds = unixMilliseconds.floorDivided(by: 1000)
        let time = LocalDateTime(localSeconds: seconds)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(time.year, 4))-\(pad(time.month, 2))-\(pad(time.day, 2))T"
            + "\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2))."
            + "\(pad(Int(unixMilliseconds - seconds * 1000), 3))Z"
    }
}

/// The value of an arithmetic operation, or nil if it overflowed.
private func checked(_ result: (partialValue: Int64, overflow: Bool)) -> Int64? {
    result.overflow ? nil : result.partialValue
}
