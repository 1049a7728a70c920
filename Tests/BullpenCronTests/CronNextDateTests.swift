@testable import BullpenCron
import Foundation
import Testing

/// An instant from ISO 8601 text (`2026-01-01T00:00:00Z`); the fixture helper of this file.
private func utc(_ text: String) -> Date {
    guard let date = ISO8601DateFormatter().date(from: text) else { fatalError("bad fixture date \(text)") }
    return date
}

private let gmt = TimeZone(identifier: "UTC")!

/// Expressions, a start, and the runs that must follow it (in UTC).
private let nextRunCases: [(expression: String, after: String, runs: [String])] = [
    // The 31st only in months that have one.
    ("0 0 31 * *", "2026-01-01T00:00:00Z",
     ["2026-01-31T00:00:00Z", "2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z",
      "2026-08-31T00:00:00Z"]),
    // Leap days, including the eight-year wait across 2100 (not a leap year).
    ("0 0 29 2 *", "2025-01-01T00:00:00Z", ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"]),
    ("0 0 29 2 *", "2096-03-01T00:00:00Z", ["2104-02-29T00:00:00Z"]),
    // L: the last day of each month; of February in a common year and in a leap year.
    ("0 0 L * *", "2027-01-15T00:00:00Z",
     ["2027-01-31T00:00:00Z", "2027-02-28T00:00:00Z", "2027-03-31T00:00:00Z", "2027-04-30T00:00:00Z"]),
    ("0 0 L 2 *", "2027-03-01T00:00:00Z", ["2028-02-29T00:00:00Z", "2029-02-28T00:00:00Z"]),
    ("0 6 1,L * *", "2026-02-02T00:00:00Z",
     ["2026-02-28T06:00:00Z", "2026-03-01T06:00:00Z", "2026-03-31T06:00:00Z"]),
    // Both day fields restricted: either matches (Friday, or the 13th: 2026-01-13 is a Tuesday).
    ("0 0 13 * FRI", "2026-01-01T00:00:00Z",
     ["2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z", "2026-01-13T00:00:00Z", "2026-01-16T00:00:00Z",
      "2026-01-23T00:00:00Z"]),
    // Day-of-month starts with `*`: both must match (days 1, 11, 21, 31 that are Mondays).
    ("0 0 */10 * MON", "2026-01-01T00:00:00Z",
     ["2026-05-11T00:00:00Z", "2026-06-01T00:00:00Z", "2026-08-31T00:00:00Z", "2026-09-21T00:00:00Z"]),
    // Day-of-week 7 and 0 are both Sunday (2026-01-04 is a Sunday).
    ("0 0 * * 7", "2026-01-01T00:00:00Z", ["2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"]),
    ("0 12 * JAN,JUL MON-FRI", "2025-12-31T13:00:00Z",
     ["2026-01-01T12:00:00Z", "2026-01-02T12:00:00Z", "2026-01-05T12:00:00Z"]),
    ("0 12 * JAN,JUL MON-FRI", "2026-01-30T13:00:00Z", ["2026-07-01T12:00:00Z"]),
    // Steps and ranges.
    ("10-30/5 9 * * *", "2026-01-01T09:12:00Z",
     ["2026-01-01T09:15:00Z", "2026-01-01T09:20:00Z", "2026-01-01T09:25:00Z", "2026-01-01T09:30:00Z",
      "2026-01-02T09:10:00Z"]),
    ("*/15 22-23 * * *", "2026-01-01T23:40:00Z",
     ["2026-01-01T23:45:00Z", "2026-01-02T22:00:00Z", "2026-01-02T22:15:00Z"]),
    // Seconds field.
    ("*/20 * * * * *", "2026-01-01T00:00:00Z",
     ["2026-01-01T00:00:20Z", "2026-01-01T00:00:40Z", "2026-01-01T00:01:00Z"]),
    ("30 15 10 * * *", "2026-01-01T10:15:30Z", ["2026-01-02T10:15:30Z", "2026-01-03T10:15:30Z"]),
    // Shorthands.
    ("@hourly", "2026-01-01T00:30:00Z", ["2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z"]),
    ("@daily", "2026-01-01T00:00:00Z", ["2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"]),
    ("@weekly", "2026-01-01T00:00:00Z", ["2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"]),
    ("@monthly", "2026-12-15T00:00:00Z", ["2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z"]),
    ("@yearly", "2026-05-05T00:00:00Z", ["2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"]),
    // Before 1970, and across 1900 (not a leap year).
    ("0 0 * * *", "1969-12-31T12:00:00Z", ["1970-01-01T00:00:00Z", "1970-01-02T00:00:00Z"]),
    ("0 0 29 2 *", "1896-03-01T00:00:00Z", ["1904-02-29T00:00:00Z"]),
    // Year end, strictly after.
    ("59 23 31 12 *", "2026-12-31T23:59:00Z", ["2027-12-31T23:59:00Z"]),
]

@Test("finds the next runs in UTC", arguments: nextRunCases)
func nextRuns(expression: String, after: String, runs: [String]) throws {
    let cron = try CronExpression(parsing: expression)
    #expect(cron.nextDates(after: utc(after), in: gmt, count: runs.count) == runs.map(utc))
}

@Test func nextDateIsStrictlyAfter() throws {
    let daily = try CronExpression(parsing: "0 0 * * *")
    let midnight = utc("2026-01-01T00:00:00Z")
    #expect(daily.nextDate(after: midnight, in: gmt) == utc("2026-01-02T00:00:00Z"))
    #expect(daily.nextDate(after: midnight.addingTimeInterval(-0.001), in: gmt) == midnight)
    #expect(daily.nextDate(after: midnight.addingTimeInterval(0.5), in: gmt) == utc("2026-01-02T00:00:00Z"))
}

@Test func absurdDatesHaveNoNextRun() throws {
    let cron = try CronExpression(parsing: "* * * * *")
    #expect(cron.nextDate(after: Date(timeIntervalSince1970: 1e300), in: gmt) == nil)
}

@Test("never-matching expressions give nil", arguments: ["0 0 30 2 *", "0 0 31 4,6,9,11 *"])
func neverMatches(expression: String) throws {
    let cron = try CronExpression(parsing: expression)
    #expect(cron.nextDate(after: utc("2026-01-01T00:00:00Z"), in: gmt) == nil)
    #expect(cron.nextDates(after: utc("2026-01-01T00:00:00Z"), in: gmt, count: 3).isEmpty)
}

/// Expressions checked against a minute-by-minute scan (the slow, obvious way).
private let scannedExpressions = [
    "*/7 * * * *", "0 */5 * * *", "15,45 9-17 * * MON-FRI", "0 0 1,15 * *", "0 0 13 * FRI", "0 0 */2 * MON,TUE",
    "5/20 3,4 * * *", "0 0 L * *", "59 23 * * SAT,SUN", "0 12 * FEB,MAR *",
]

@Test("the field-jumping search agrees with a minute-by-minute scan", arguments: scannedExpressions)
func agreesWithScan(expression: String) throws {
    let cron = try CronExpression(parsing: expression)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = gmt
    // 2026-02-25 to 2026-03-05: a month end in a common year, weekends, several days.
    let start = utc("2026-02-25T00:00:00Z")
    let end = utc("2026-03-05T00:00:00Z")
    var expected: [Date] = []
    var minute = start.addingTimeInterval(60)
    while minute < end {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: minute)
        let local = LocalDateTime(
            year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!)
        if cron.matches(local) { expected.append(minute) }
        minute.addTimeInterval(60)
    }
    #expect(!expected.isEmpty, "the window should hold runs of \(expression)")
    let found = cron.nextDates(after: start, in: gmt, count: expected.count + 1).filter { $0 < end }
    #expect(found == expected)
}
