/// A parsed cron expression: five fields (minute hour day-of-month month day-of-week), or six with a
/// leading seconds field, or one of the `@` shorthands.
///
/// Each field is a comma-separated list of `*`, `N`, `A-B`, each with an optional `/STEP`; `N/STEP` means
/// `N-MAX/STEP`. Months take `JAN`-`DEC` and days of the week `SUN`-`SAT` (any case); day-of-week 0 and 7
/// are both Sunday; `L` in day-of-month is the last day of the month.
///
/// The day rule is Vixie cron's: when day-of-month and day-of-week are both restricted (neither field
/// starts with `*`), a day matches if *either* matches; otherwise both must match.
///
/// Two expressions are equal when their normalized forms (``description``) are equal.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The expressions `@` shorthands stand for.
    static let shorthands: [(name: String, expansion: String)] = [
        ("@yearly", "0 0 1 1 *"), ("@annually", "0 0 1 1 *"), ("@monthly", "0 0 1 * *"),
        ("@weekly", "0 0 * * 0"), ("@daily", "0 0 * * *"), ("@midnight", "0 0 * * *"),
        ("@hourly", "0 * * * *"),
    ]

    let seconds: CronBits
    let minutes: CronBits
    let hours: CronBits
    let daysOfMonth: CronBits
    let months: CronBits
    let daysOfWeek: CronBits
    /// `L` appears in day-of-month.
    let lastDayOfMonth: Bool
    /// Day-of-month and day-of-week are both restricted, so a day matches if either matches.
    let eitherDayMatches: Bool
    /// Both minute and hour are restricted (neither starts with `*`): the expression names fixed times of
    /// day, which cron runs once across daylight-saving changes (see ``nextDate(after:in:)``).
    let namesFixedTimes: Bool

    /// The expression in normalized form: shorthands expanded, single spaces, names as numbers,
    /// `*/1` as `*`, `N/STEP` as `N-MAX/STEP`, a lone day-of-week 7 as 0. A seconds field is kept when given.
    public let description: String

    /// Parses `text`, rejecting it with the field and the reason when it is not a valid expression.
    public init(parsing text: String) throws(CronError) {
        let trimmed = text.trimmingWhitespace()
        var fieldTexts = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if trimmed.hasPrefix("@") {
            let name = trimmed.lowercased()
            guard let shorthand = Self.shorthands.first(where: { $0.name == name }) else {
                let known = Self.shorthands.map(\.name).joined(separator: ", ")
                throw .expression(.unknownShorthand, text, field: nil,
                                  "unknown shorthand \(trimmed) (expected one of \(known))")
            }
            fieldTexts = shorthand.expansion.split(separator: " ")
        }
        guard fieldTexts.count == 5 || fieldTexts.count == 6 else {
            throw .expression(.fieldCount, text, field: nil,
                              "expected 5 fields (minute hour day-of-month month day-of-week) "
                                  + "or 6 with seconds first, got \(fieldTexts.count)")
        }
        let hasSeconds = fieldTexts.count == 6
        let fields: [CronField] = hasSeconds ? CronField.allCases : Array(CronField.allCases.dropFirst())
        var parsed: [CronField: ParsedCronField] = [:]
        for (field, fieldText) in zip(fields, fieldTexts) {
            do {
                parsed[field] = try field.parse(fieldText)
            } catch {
                throw .expression(error.code, text, field: field.name, error.reason)
            }
        }
        // Without a seconds field, runs fall on second 0.
        let second = parsed[.second] ?? ParsedCronField.zero
        let minute = parsed[.minute]!, hour = parsed[.hour]!, dayOfMonth = parsed[.dayOfMonth]!
        let month = parsed[.month]!, dayOfWeek = parsed[.dayOfWeek]!

        seconds = second.bits
        minutes = minute.bits
        hours = hour.bits
        daysOfMonth = dayOfMonth.bits
        months = month.bits
        daysOfWeek = dayOfWeek.bits
        lastDayOfMonth = dayOfMonth.lastDayOfMonth
        eitherDayMatches = !dayOfMonth.startsWithStar && !dayOfWeek.startsWithStar
        namesFixedTimes = !minute.startsWithStar && !hour.startsWithStar
        description = ((hasSeconds ? [second] : []) + [minute, hour, dayOfMonth, month, dayOfWeek])
            .map(\.text).joined(separator: " ")
    }
}

extension ParsedCronField {
    /// The seconds field of a five-field expression: second 0 only.
    fileprivate static let zero: ParsedCronField = {
        var field = ParsedCronField(text: "0")
        field.bits.insert(0)
        return field
    }()
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines (no Foundation needed).
    fileprivate func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
