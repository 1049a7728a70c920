import BullpenCron
import Foundation
import Testing

/// Unix milliseconds of an ISO 8601 instant (`2026-01-01T00:07:00Z`); the fixture helper of this file.
private func ms(_ text: String) -> Int64 {
    guard let date = ISO8601DateFormatter().date(from: text) else { fatalError("bad fixture date \(text)") }
    return Int64(date.timeIntervalSince1970 * 1000)
}

private let quarterHour: Int64 = 15 * 60_000

/// Interval schedules: (interval, anchor, after) and the next run.
private let intervalCases: [(every: Int64, anchor: Int64, after: Int64, next: Int64)] = [
    // No anchor: aligned to multiples of the interval since 1970.
    (quarterHour, 0, ms("2026-01-01T10:03:00Z"), ms("2026-01-01T10:15:00Z")),
    (quarterHour, 0, ms("2026-01-01T10:15:00Z"), ms("2026-01-01T10:30:00Z")),
    // Anchored: anchor + k * interval, strictly after.
    (quarterHour, ms("2026-01-01T00:07:00Z"), ms("2026-01-01T00:07:00Z"), ms("2026-01-01T00:22:00Z")),
    (quarterHour, ms("2026-01-01T00:07:00Z"), ms("2026-01-01T00:21:59Z") + 999, ms("2026-01-01T00:22:00Z")),
    (quarterHour, ms("2026-01-01T00:07:00Z"), ms("2026-03-05T13:00:00Z"), ms("2026-03-05T13:07:00Z")),
    // Before the anchor, the anchor itself is the first run.
    (quarterHour, ms("2026-01-01T00:07:00Z"), ms("2025-06-01T00:00:00Z"), ms("2026-01-01T00:07:00Z")),
    (quarterHour, ms("2026-01-01T00:07:00Z"), ms("2026-01-01T00:06:59Z"), ms("2026-01-01T00:07:00Z")),
    // Sub-second intervals.
    (250, 100, 1_000, 1_100),
]

@Test("interval schedules tick at anchor + k * interval, strictly after", arguments: intervalCases)
func intervalNext(every: Int64, anchor: Int64, after: Int64, next: Int64) throws {
    let schedule = try Schedule(every: every, anchor: anchor)
    #expect(schedule.next(after: after) == next)
}

@Test func intervalNearTheEndOfTimeHasNoNextRun() throws {
    let schedule = try Schedule(every: quarterHour)
    #expect(schedule.next(after: Int64.max - 1) == nil)
}

@Test("rejects an interval that is not positive", arguments: [Int64(0), -1])
func rejectsInterval(every: Int64) {
    let error = #expect(throws: CronError.self) { try Schedule(every: every) }
    #expect(error?.code == .invalidInterval)
    #expect(error?.message == "invalid interval \(every)ms: must be a positive number of milliseconds")
}

@Test func cronScheduleWorksInMillisecondsInItsTimeZone() throws {
    let schedule = try Schedule(cron: "30 2 * * *", timeZone: "Europe/Berlin")
    // 02:30 on the spring-forward day runs at 03:00 CEST.
    #expect(schedule.next(after: ms("2026-03-28T12:00:00Z")) == ms("2026-03-29T01:00:00Z"))
    // Strictly after, to the millisecond.
    #expect(schedule.next(after: ms("2026-03-29T01:00:00Z") - 1) == ms("2026-03-29T01:00:00Z"))
    #expect(schedule.next(after: ms("2026-03-29T01:00:00Z")) == ms("2026-03-30T00:30:00Z"))
}

@Test func cronScheduleWithoutRunsGivesNil() throws {
    let schedule = try Schedule(cron: "0 0 30 2 *")
    #expect(schedule.next(after: ms("2026-01-01T00:00:00Z")) == nil)
    #expect(schedule.nextRuns(after: ms("2026-01-01T00:00:00Z"), count: 5).isEmpty)
}

@Test func listsTheNextRuns() throws {
    let daily = try Schedule(cron: "0 9 * * *", timeZone: "UTC")
    #expect(daily.nextRuns(after: ms("2026-01-01T12:00:00Z"), count: 3)
        == [ms("2026-01-02T09:00:00Z"), ms("2026-01-03T09:00:00Z"), ms("2026-01-04T09:00:00Z")])
    let interval = try Schedule(every: quarterHour, anchor: ms("2026-01-01T00:07:00Z"))
    #expect(interval.nextRuns(after: ms("2026-01-01T00:00:00Z"), count: 3)
        == [ms("2026-01-01T00:07:00Z"), ms("2026-01-01T00:22:00Z"), ms("2026-01-01T00:37:00Z")])
    #expect(interval.nextRuns(after: 0, count: 0).isEmpty)
}

@Test("rejects an unknown time zone, naming it", arguments: ["Mars/Olympus_Mons", "europe/berlin", ""])
func rejectsTimeZone(name: String) {
    let error = #expect(throws: CronError.self) { try Schedule(cron: "0 9 * * *", timeZone: name) }
    #expect(error?.code == .unknownTimeZone)
    #expect(error?.input == name)
    #expect(error?.message == "unknown time zone \"\(name)\": not in the tz database")
}

@Test func cronScheduleRejectsABadExpression() {
    let error = #expect(throws: CronError.self) { try Schedule(cron: "61 * * * *", timeZone: "UTC") }
    #expect(error?.message == #"invalid cron expression "61 * * * *": minute: 61 is out of range 0-59"#)
}

@Test func describesItself() throws {
    #expect(try Schedule(cron: "0 9 * JAN mon", timeZone: "Australia/Sydney").description
        == #"cron "0 9 * 1 1" in Australia/Sydney"#)
    #expect(try Schedule(every: quarterHour).description == "every 15m from 1970-01-01T00:00:00.000Z")
    #expect(try Schedule(every: 1500, anchor: ms("2026-01-01T00:07:00Z") + 250).description
        == "every 1500ms from 2026-01-01T00:07:00.250Z")
    #expect(try Schedule(every: 2 * 86_400_000).description == "every 2d from 1970-01-01T00:00:00.000Z")
}

@Test func equalSchedulesCompareEqual() throws {
    #expect(try Schedule(cron: "0 9 * JAN *", timeZone: "Europe/Berlin")
        == Schedule(cron: "0 9 * 1 *", timeZone: "Europe/Berlin"))
    #expect(try Schedule(cron: "0 9 * * *", timeZone: "Europe/Berlin")
        != Schedule(cron: "0 9 * * *", timeZone: "Australia/Sydney"))
    #expect(try Schedule(every: 1000, anchor: 5) != Schedule(every: 1000, anchor: 6))
}
