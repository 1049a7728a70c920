@testable import BullpenCron
import Foundation
import Testing

/// An instant from ISO 8601 text (`2026-03-29T01:00:00Z`); the fixture helper of this file.
private func utc(_ text: String) -> Date {
    guard let date = ISO8601DateFormatter().date(from: text) else { fatalError("bad fixture date \(text)") }
    return date
}

// The 2026 changes the cases rely on:
// Europe/Berlin     gap      2026-03-29 02:00 CET  -> 03:00 CEST  at 01:00Z
//                   overlap  2026-10-25 03:00 CEST -> 02:00 CET   at 01:00Z (02:00-03:00 runs twice)
// Australia/Sydney  overlap  2026-04-05 03:00 AEDT -> 02:00 AEST  at 2026-04-04 16:00Z
//                   gap      2026-10-04 02:00 AEST -> 03:00 AEDT  at 2026-10-03 16:00Z
private let transitions: [(zone: String, at: String, before: Int, after: Int)] = [
    ("Europe/Berlin", "2026-03-29T01:00:00Z", 3600, 7200),
    ("Europe/Berlin", "2026-10-25T01:00:00Z", 7200, 3600),
    ("Australia/Sydney", "2026-04-04T16:00:00Z", 39600, 36000),
    ("Australia/Sydney", "2026-10-03T16:00:00Z", 36000, 39600),
]

@Test("the tz database has the transitions the cases assume", arguments: transitions)
func transitionsAreAsAssumed(zone: String, at: String, before: Int, after: Int) throws {
    let timeZone = try #require(TimeZone(identifier: zone))
    #expect(timeZone.secondsFromGMT(for: utc(at).addingTimeInterval(-1)) == before)
    #expect(timeZone.secondsFromGMT(for: utc(at)) == after)
}

/// Runs across daylight-saving changes, as exact UTC instants.
private let daylightSavingCases: [(zone: String, expression: String, after: String, runs: [String])] = [
    // Berlin gap: 02:30 does not exist on 03-29 and runs once at 03:00 CEST.
    ("Europe/Berlin", "30 2 * * *", "2026-03-27T12:00:00Z",
     ["2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"]),
    // Several gap times run once; a real 03:00 at the same instant does not run twice.
    ("Europe/Berlin", "0,30 2,3 * * *", "2026-03-28T12:00:00Z",
     ["2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:00:00Z"]),
    // Just before the jump, and exactly at it.
    ("Europe/Berlin", "30 2 * * *", "2026-03-29T00:59:59Z", ["2026-03-29T01:00:00Z"]),
    ("Europe/Berlin", "30 2 * * *", "2026-03-29T01:00:00Z", ["2026-03-30T00:30:00Z"]),
    // Berlin overlap: 02:30 comes twice on 10-25 and runs at the first (CEST) one only.
    ("Europe/Berlin", "30 2 * * *", "2026-10-23T12:00:00Z",
     ["2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"]),
    ("Europe/Berlin", "15 30 2 * * *", "2026-10-24T12:00:00Z", ["2026-10-25T00:30:15Z", "2026-10-26T01:30:15Z"]),
    // Starting inside the second pass does not run the repeated 02:30 again.
    ("Europe/Berlin", "30 2 * * *", "2026-10-25T01:15:00Z", ["2026-10-26T01:30:00Z"]),
    // Hourly follows real time: one run per real hour, both passes of 02:00 included, none twice.
    ("Europe/Berlin", "0 * * * *", "2026-10-24T22:30:00Z",
     ["2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z"]),
    ("Europe/Berlin", "0 * * * *", "2026-10-25T00:30:00Z", ["2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z"]),
    ("Europe/Berlin", "0 * * * *", "2026-03-28T23:30:00Z",
     ["2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z"]),
    // A minute wildcard in hour 2 also follows real time: both passes in the overlap, nothing in the gap.
    ("Europe/Berlin", "*/30 2 * * *", "2026-10-24T23:50:00Z",
     ["2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z",
      "2026-10-26T01:00:00Z"]),
    ("Europe/Berlin", "*/30 2 * * *", "2026-03-28T12:00:00Z", ["2026-03-30T00:00:00Z", "2026-03-30T00:30:00Z"]),
    // Sydney gap (southern spring): 02:30 on 10-04 runs at 03:00 AEDT.
    ("Australia/Sydney", "30 2 * * *", "2026-10-02T00:00:00Z",
     ["2026-10-02T16:30:00Z", "2026-10-03T16:00:00Z", "2026-10-04T15:30:00Z"]),
    // Sydney overlap (southern autumn): 02:30 on 04-05 runs at the first (AEDT) one only.
    ("Australia/Sydney", "30 2 * * *", "2026-04-03T00:00:00Z",
     ["2026-04-03T15:30:00Z", "2026-04-04T15:30:00Z", "2026-04-05T16:30:00Z"]),
    ("Australia/Sydney", "0 * * * *", "2026-04-04T14:30:00Z",
     ["2026-04-04T15:00:00Z", "2026-04-04T16:00:00Z", "2026-04-04T17:00:00Z"]),
    ("Australia/Sydney", "0 * * * *", "2026-10-03T14:30:00Z",
     ["2026-10-03T15:00:00Z", "2026-10-03T16:00:00Z", "2026-10-03T17:00:00Z"]),
    // A daily job away from the changed hours keeps its wall-clock time on both sides.
    ("Australia/Sydney", "0 9 * * *", "2026-10-02T00:00:00Z", ["2026-10-02T23:00:00Z", "2026-10-03T22:00:00Z"]),
]

@Test("runs once, at the right instant, across daylight-saving changes", arguments: daylightSavingCases)
func daylightSaving(zone: String, expression: String, after: String, runs: [String]) throws {
    let cron = try CronExpression(parsing: expression)
    let timeZone = try #require(TimeZone(identifier: zone))
    #expect(cron.nextDates(after: utc(after), in: timeZone, count: runs.count) == runs.map(utc))
}

/// Expressions that follow real time: checked against a scan of every real minute around each change.
private let realTimeExpressions = ["0 * * * *", "*/15 * * * *", "*/30 2 * * *", "0 */2 * * *", "* 2 * * *"]

@Test("real-time expressions run at each real minute whose wall-clock time matches",
      arguments: realTimeExpressions, transitions.map { ($0.zone, $0.at) })
func realTimeAgreesWithScan(expression: String, transition: (zone: String, at: String)) throws {
    let cron = try CronExpression(parsing: expression)
    let timeZone = try #require(TimeZone(identifier: transition.zone))
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    // A day and more on either side, so hour-2 expressions also run on the neighbouring days.
    let start = utc(transition.at).addingTimeInterval(-30 * 3600)
    let end = utc(transition.at).addingTimeInterval(30 * 3600)
    var expected: [Date] = []
    var minute = start.addingTimeInterval(60)
    while minute < end {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: minute)
        let local = LocalDateTime(
            year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!)
        if cron.matches(local) { expected.append(minute) }
        minute.addTimeInterval(60)
    }
    #expect(!expected.isEmpty)
    let found = cron.nextDates(after: start, in: timeZone, count: expected.count + 1).filter { $0 < end }
    #expect(found == expected)
}
