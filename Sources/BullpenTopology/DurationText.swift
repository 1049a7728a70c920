/// Reads and writes durations as the topology file and the CLI spell them: `30s`, `5m`, `1h30m`, `250ms`.
///
/// A duration is one or more `<integer><unit>` parts, units `ms`, `s`, `m`, `h` and `d`, largest first
/// (`1h30m`, not `30m1h`). A bare number is an error: `30` could mean seconds or milliseconds, and
/// guessing wrong is worse than asking. Durations are whole milliseconds and never negative.
public enum DurationText {
    /// The units, largest first, with their length in milliseconds.
    static let units: [(symbol: String, milliseconds: Int64)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1),
    ]

    /// The expectation appended to every parse error.
    static let expected = "expected a whole number with ms, s, m, h or d, e.g. 30s, 5m or 1h30m"

    /// Parses `text` (e.g. `"1h30m"`) into a duration of whole milliseconds.
    ///
    /// - Throws: ``ValueSyntaxError`` with code ``ValueSyntaxError/Code/invalidDuration`` naming the text.
    public static func parse(_ text: String) throws(ValueSyntaxError) -> Duration {
        .milliseconds(try parseMilliseconds(text))
    }

    /// Parses `text` into whole milliseconds; see ``parse(_:)``.
    public static func parseMilliseconds(_ text: String) throws(ValueSyntaxError) -> Int64 {
        let scalars = Array(text.unicodeScalars)
        if scalars.isEmpty {
            throw failure(text, "an empty duration")
        }
        if scalars.allSatisfy({ ("0"..."9").contains($0) }) {
            // A bare number: say which unit was probably meant rather than guessing it.
            throw ValueSyntaxError(
                .invalidDuration, text: text,
                message: "invalid duration \"\(text)\" (a number needs a unit; did you mean \(text)s?)")
        }
        var total: Int64 = 0
        var index = 0
        var previousRank = -1
        while index < scalars.count {
            let digitsStart = index
            while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
            guard index > digitsStart else { throw failure(text, nil) }
            let unitStart = index
            while index < scalars.count, !("0"..."9").contains(scalars[index]) { index += 1 }
            let digits = String(String.UnicodeScalarView(scalars[digitsStart..<unitStart]))
            let symbol = String(String.UnicodeScalarView(scalars[unitStart..<index]))
            guard let rank = units.firstIndex(where: { $0.symbol == symbol }) else {
                throw failure(text, symbol.isEmpty ? "a number without a unit" : "unknown unit \"\(symbol)\"")
            }
            guard rank > previousRank else { throw failure(text, "units must go from largest to smallest") }
            previousRank = rank
            guard let count = Int64(digits) else { throw failure(text, "too large") }
            let (part, partOverflow) = count.multipliedReportingOverflow(by: units[rank].milliseconds)
            let (sum, sumOverflow) = total.addingReportingOverflow(part)
            guard !partOverflow, !sumOverflow else { throw failure(text, "too large") }
            total = sum
        }
        return total
    }

    /// Formats a duration the way ``parse(_:)`` reads it, largest units first: `90s` → `1m30s`,
    /// zero → `0s`. Parts below a millisecond are dropped.
    public static func format(_ duration: Duration) -> String {
        format(milliseconds: milliseconds(of: duration))
    }

    /// Formats whole milliseconds; see ``format(_:)``. Negative values are formatted as their magnitude
    /// with a leading `-`, which ``parse(_:)`` does not accept.
    public static func format(milliseconds: Int64) -> String {
        if milliseconds == 0 { return "0s" }
        var rest = milliseconds.magnitude
        var text = milliseconds < 0 ? "-" : ""
        for unit in units {
            let size = UInt64(unit.milliseconds)
            if rest >= size {
                text += "\(rest / size)\(unit.symbol)"
                rest %= size
            }
        }
        return text
    }

    /// The whole milliseconds in `duration`, rounded toward zero, saturating at `Int64`'s bounds.
    public static func milliseconds(of duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (wholeSeconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000)
        if overflow { return seconds < 0 ? .min : .max }
        return wholeSeconds + attoseconds / 1_000_000_000_000_000
    }

    private static func failure(_ text: String, _ reason: String?) -> ValueSyntaxError {
        let detail = reason.map { "\($0); " } ?? ""
        return ValueSyntaxError(.invalidDuration, text: text, message: "invalid duration \"\(text)\" (\(detail)\(expected))")
    }
}
