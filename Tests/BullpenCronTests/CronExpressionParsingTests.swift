import BullpenCron
import Testing

/// Every syntax form, with the normalized form it parses to.
private let validForms: [(input: String, normalized: String)] = [
    ("* * * * *", "* * * * *"),
    ("*/5 * * * *", "*/5 * * * *"),
    ("*/1 * * * *", "* * * * *"),
    ("10-30/5 * * * *", "10-30/5 * * * *"),
    ("5/15 * * * *", "5-59/15 * * * *"),
    ("0,15,30,45 * * * *", "0,15,30,45 * * * *"),
    ("0 9-17 * * *", "0 9-17 * * *"),
    ("0 9 * jan-MAR mon-Fri", "0 9 * 1-3 1-5"),
    ("0 0 1 Dec *", "0 0 1 12 *"),
    ("0 0 * * SUN", "0 0 * * 0"),
    ("0 0 * * 7", "0 0 * * 0"),
    ("0 0 * * 0-7", "0 0 * * 0-7"),
    ("0 0 * * 5-7", "0 0 * * 5-7"),
    ("0 0 * * 1/2", "0 0 * * 1-6/2"),
    ("0 0 L * *", "0 0 L * *"),
    ("0 0 1,15,l * *", "0 0 1,15,L * *"),
    ("0 0 13 * FRI", "0 0 13 * 5"),
    ("0 0 3-3 * *", "0 0 3 * *"),
    ("30 * * * * *", "30 * * * * *"),
    ("*/10 0 9 * * *", "*/10 0 9 * * *"),
    ("  0\t9   * * *  ", "0 9 * * *"),
    ("@yearly", "0 0 1 1 *"),
    ("@annually", "0 0 1 1 *"),
    ("@monthly", "0 0 1 * *"),
    ("@weekly", "0 0 * * 0"),
    ("@daily", "0 0 * * *"),
    ("@midnight", "0 0 * * *"),
    ("@HOURLY", "0 * * * *"),
]

@Test("parses every syntax form to its normalized form", arguments: validForms)
func parsesValidForm(input: String, normalized: String) throws {
    let expression = try CronExpression(parsing: input)
    #expect(expression.description == normalized)
    // The normalized form parses back to an equal expression.
    #expect(try CronExpression(parsing: normalized) == expression)
}

@Test func equalityFollowsTheNormalizedForm() throws {
    #expect(try CronExpression(parsing: "0 9 * JAN MON") == CronExpression(parsing: "0 9 * 1 1"))
    #expect(try CronExpression(parsing: "@daily") == CronExpression(parsing: "0 0 * * *"))
    #expect(try CronExpression(parsing: "0 9 * * *") != CronExpression(parsing: "0 10 * * *"))
}

/// Every way to get an expression wrong: the code, the field named, and the full message.
private let invalidForms: [(input: String, code: CronError.Code, field: String?, message: String)] = [
    ("61 * * * *", .outOfRange, "minute",
     #"invalid cron expression "61 * * * *": minute: 61 is out of range 0-59"#),
    ("0 24 * * *", .outOfRange, "hour",
     #"invalid cron expression "0 24 * * *": hour: 24 is out of range 0-23"#),
    ("0 0 0 * *", .outOfRange, "day-of-month",
     #"invalid cron expression "0 0 0 * *": day-of-month: 0 is out of range 1-31"#),
    ("0 0 32 * *", .outOfRange, "day-of-month",
     #"invalid cron expression "0 0 32 * *": day-of-month: 32 is out of range 1-31"#),
    ("0 0 * 13 *", .outOfRange, "month",
     #"invalid cron expression "0 0 * 13 *": month: 13 is out of range 1-12"#),
    ("0 0 * * 8", .outOfRange, "day-of-week",
     #"invalid cron expression "0 0 * * 8": day-of-week: 8 is out of range 0-7"#),
    ("60 * * * * *", .outOfRange, "second",
     #"invalid cron expression "60 * * * * *": second: 60 is out of range 0-59"#),
    ("99999999999999999999 * * * *", .outOfRange, "minute",
     #"invalid cron expression "99999999999999999999 * * * *": minute: 99999999999999999999 is out of range 0-59"#),
    ("x * * * *", .invalidValue, "minute",
     #"invalid cron expression "x * * * *": minute: "x" is not a number"#),
    ("-1 * * * *", .invalidValue, "minute",
     #"invalid cron expression "-1 * * * *": minute: missing value in "-1""#),
    ("0 0 * FOO *", .invalidValue, "month",
     #"invalid cron expression "0 0 * FOO *": month: "FOO" is not a number or a month name (JAN-DEC)"#),
    ("0 0 * * MONDAY", .invalidValue, "day-of-week",
     #"invalid cron expression "0 0 * * MONDAY": day-of-week: "MONDAY" is not a number or a day name (SUN-SAT)"#),
    ("1,,2 * * * *", .invalidValue, "minute",
     #"invalid cron expression "1,,2 * * * *": minute: empty value in list "1,,2""#),
    ("0 5-1 * * *", .invalidRange, "hour",
     #"invalid cron expression "0 5-1 * * *": hour: range "5-1" goes backwards (5 is after 1)"#),
    ("0 0 * * FRI-MON", .invalidRange, "day-of-week",
     #"invalid cron expression "0 0 * * FRI-MON": day-of-week: range "FRI-MON" goes backwards (5 is after 1)"#),
    ("1-2-3 * * * *", .invalidRange, "minute",
     #"invalid cron expression "1-2-3 * * * *": minute: "1-2-3" is not a range (expected A-B)"#),
    ("*/0 * * * *", .invalidStep, "minute",
     #"invalid cron expression "*/0 * * * *": minute: step 0 is out of range 1-60"#),
    ("*/61 * * * *", .invalidStep, "minute",
     #"invalid cron expression "*/61 * * * *": minute: step 61 is out of range 1-60"#),
    ("0 0 * * */8", .invalidStep, "day-of-week",
     #"invalid cron expression "0 0 * * */8": day-of-week: step 8 is out of range 1-7"#),
    ("*/x * * * *", .invalidStep, "minute",
     #"invalid cron expression "*/x * * * *": minute: step "x" is not a number"#),
    ("*/ * * * *", .invalidStep, "minute",
     #"invalid cron expression "*/ * * * *": minute: step "" is not a number"#),
    ("*/2/3 * * * *", .invalidStep, "minute",
     #"invalid cron expression "*/2/3 * * * *": minute: "*/2/3" has more than one step"#),
    ("0 L * * *", .invalidLast, "hour",
     #"invalid cron expression "0 L * * *": hour: L is only allowed in day-of-month"#),
    ("0 0 * * L", .invalidLast, "day-of-week",
     #"invalid cron expression "0 0 * * L": day-of-week: L is only allowed in day-of-month"#),
    ("0 0 25-L * *", .invalidLast, "day-of-month",
     #"invalid cron expression "0 0 25-L * *": day-of-month: L cannot be part of a range in "25-L""#),
    ("0 0 L/2 * *", .invalidLast, "day-of-month",
     #"invalid cron expression "0 0 L/2 * *": day-of-month: L cannot take a step in "L/2""#),
    ("* * * *", .fieldCount, nil,
     #"invalid cron expression "* * * *": expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, got 4"#),
    ("* * * * * * *", .fieldCount, nil,
     #"invalid cron expression "* * * * * * *": expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, got 7"#),
    ("", .fieldCount, nil,
     #"invalid cron expression "": expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, got 0"#),
    ("@fortnightly", .unknownShorthand, nil,
     #"invalid cron expression "@fortnightly": unknown shorthand @fortnightly (expected one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly)"#),
    ("@reboot", .unknownShorthand, nil,
     #"invalid cron expression "@reboot": unknown shorthand @reboot (expected one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly)"#),
]

@Test("rejects an invalid expression naming the field and the reason", arguments: invalidForms)
func rejectsInvalidForm(input: String, code: CronError.Code, field: String?, message: String) {
    let error = #expect(throws: CronError.self) { try CronExpression(parsing: input) }
    #expect(error?.code == code)
    #expect(error?.field == field)
    #expect(error?.input == input)
    #expect(error?.message == message)
    #expect(error?.description == message)
}
