/// Reads and writes ISO 8601 timestamps as Unix epoch milliseconds, for schedule `start` and `end`.
///
/// Accepted: `2026-01-01` (midnight UTC), `2026-01-01T09:30:00Z`, `2026-01-01T09:30:00.250+02:00`,
/// `2026-01-01 09:30Z`. A time without `Z` or an offset is an error: which zone was meant is not ours to
/// guess. Written back in UTC: `2026-01-01T07:30:00.250Z`.
public enum TimestampText {
    /// Parses `text` into Unix epoch milliseconds.
    ///
    /// - Throws: ``ValueSyntaxError`` with code ``ValueSyntaxError/Code/invalidTimestamp`` naming the text.
    public static func parse(_ text: String) throws(ValueSyntaxError) -> Int64 {
        var scanner = Scanner(bytes: Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
              let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2)
        else { throw failure(text, nil) }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else {
            throw failure(text, "no such date")
        }
        var milliseconds = daysFromCivil(year: year, month: month, day: day) * 86_400_000
        if scanner.atEnd { return milliseconds }

        guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "),
              let hour = scanner.number(digits: 2), scanner.skip(":"),
              let minute = scanner.number(digits: 2)
        else { throw failure(text, nil) }
        var second: Int64 = 0
        var fraction: Int64 = 0
        if scanner.skip(":") {
            guard let value = scanner.number(digits: 2) else { throw failure(text, nil) }
            second = value
            if scanner.skip(".") {
                // Keep milliseconds; finer digits are read and dropped.
                guard let digits = scanner.digits(), !digits.isEmpty else { throw failure(text, nil) }
                let padded = (digits + [48, 48, 48]).prefix(3)
                fraction = padded.reduce(0) { $0 * 10 + Int64($1 - 48) }
            }
        }
        guard hour < 24, minute < 60, second < 60 else { throw failure(text, "no such time") }
        milliseconds += ((hour * 60 + minute) * 60 + second) * 1_000 + fraction

        if scanner.skip("Z") || scanner.skip("z") {
            // UTC.
        } else if let sign = scanner.sign() {
            guard let offsetHours = scanner.number(digits: 2) else { throw failure(text, nil) }
            _ = scanner.skip(":")
            let offsetMinutes = scanner.number(digits: 2) ?? 0
            guard offsetHours < 24, offsetMinutes < 60 else { throw failure(text, "no such offset") }
            milliseconds -= sign * (offsetHours * 60 + offsetMinutes) * 60_000
        } else {
            throw failure(text, "add Z or an offset such as +02:00")
        }
        guard scanner.atEnd else { throw failure(text, nil) }
        return milliseconds
    }

    /// Formats Unix epoch milliseconds in UTC, with milliseconds only when there are any:
    /// `2026-01-01T00:00:00Z`, `2026-01-01T00:00:00.250Z`.
    public static func format(_ milliseconds: Int64) -> String {
        let days = floorDivide(milliseconds, 86_400_000)
        let inDay = milliseconds - days * 86_400_000
        let (year, month, day) = civilFromDays(days)
        let seconds = inDay / 1_000
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(seconds / 3_600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if inDay % 1_000 != 0 { text += ".\(pad(inDay % 1_000, 3))" }
        return text + "Z"
    }

    private static func failure(_ text: String, _ reason: String?) -> ValueSyntaxError {
        let detail = reason.map { "\($0); " } ?? ""
        return ValueSyntaxError(
            .invalidTimestamp, text: text,
            message: "invalid timestamp \"\(text)\" (\(detail)expected ISO 8601 such as 2026-01-01T09:00:00Z)")
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of ``daysFromCivil(year:month:day:)`` (H. Hinnant's `civil_from_days`).
    private static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// A cursor over the text's UTF-8 bytes.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }

        mutating func sign() -> Int64? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }

        /// Exactly `digits` decimal digits.
        mutating func number(digits count: Int) -> Int64? {
            guard index + count <= bytes.count else { return nil }
            let slice = bytes[index..<index + count]
            guard slice.allSatisfy({ (48...57).contains($0) }) else { return nil }
            index += count
            return slice.reduce(0) { $0 * 10 + Int64($1 - 48) }
        }

        /// A run of decimal digits, possibly empty.
        mutating func digits() -> [UInt8]? {
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
            return Array(bytes[start..<index])
        }
    }
}
