/// A field after parsing: the values it allows and its normalized text.
struct ParsedCronField: Hashable, Sendable {
    /// The allowed values (day-of-week 7 is stored as 0).
    var bits = CronBits()
    /// Day-of-month only: `L`, the last day of the month, is allowed.
    var lastDayOfMonth = false
    /// The field starts with `*` (`*`, `*/5`). Cron's day rule and its daylight-saving rule look at this.
    var startsWithStar = false
    /// The field in normalized form: names as numbers, `*/1` as `*`, a lone 7 in day-of-week as 0.
    var text = ""
}

/// Why one field was rejected: the code and the reason, without the expression (added by the caller).
struct CronFieldFailure: Error {
    let code: CronError.Code
    let reason: String
}

extension CronField {
    /// Parses one field: a comma-separated list of `*`, `N`, `A-B`, each with an optional `/STEP`, or `L`.
    func parse(_ text: Substring) throws(CronFieldFailure) -> ParsedCronField {
        var parsed = ParsedCronField()
        parsed.startsWithStar = text.hasPrefix("*")
        var normalized: [String] = []
        for element in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !element.isEmpty else {
                throw CronFieldFailure(code: .invalidValue, reason: "empty value in list \"\(text)\"")
            }
            normalized.append(try parseElement(element, into: &parsed))
        }
        parsed.text = normalized.joined(separator: ",")
        return parsed
    }

    /// The largest value a `*` or an open `N/STEP` reaches: 6 for day-of-week, where 7 repeats Sunday.
    private var openUpperBound: Int { self == .dayOfWeek ? 6 : bounds.upperBound }

    /// Parses one list element, adds its values to `parsed` and returns its normalized text.
    private func parseElement(
        _ element: Substring, into parsed: inout ParsedCronField
    ) throws(CronFieldFailure) -> String {
        let parts = element.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else {
            throw CronFieldFailure(code: .invalidStep, reason: "\"\(element)\" has more than one step")
        }
        let base = parts[0]
        let step = parts.count == 2 ? try parseStep(parts[1]) : nil
        let stepSuffix = step.map { $0 == 1 ? "" : "/\($0)" } ?? ""

        if base.uppercased() == "L" {
            guard self == .dayOfMonth else {
                throw CronFieldFailure(code: .invalidLast, reason: "L is only allowed in day-of-month")
            }
            guard step == nil else {
                throw CronFieldFailure(code: .invalidLast, reason: "L cannot take a step in \"\(element)\"")
            }
            parsed.lastDayOfMonth = true
            return "L"
        }
        if base == "*" {
            insert(from: bounds.lowerBound, through: openUpperBound, step: step ?? 1, into: &parsed.bits)
            return "*" + stepSuffix
        }
        let ends = base.split(separator: "-", omittingEmptySubsequences: false)
        switch ends.count {
        case 1:
            let value = try parseValue(ends[0], in: element)
            guard let step else {
                insert(from: value, through: value, step: 1, into: &parsed.bits)
                return String(self == .dayOfWeek && value == 7 ? 0 : value)
            }
            // `N/STEP` means from N to the end of the field, and is normalized to `N-MAX/STEP`.
            insert(from: value, through: openUpperBound, step: step, into: &parsed.bits)
            return "\(value)-\(openUpperBound)" + stepSuffix
        case 2:
            let start = try parseValue(ends[0], in: element)
            let end = try parseValue(ends[1], in: element)
            guard start <= end else {
                throw CronFieldFailure(
                    code: .invalidRange, reason: "range \"\(base)\" goes backwards (\(start) is after \(end))")
            }
            insert(from: start, through: end, step: step ?? 1, into: &parsed.bits)
            return (start == end ? "\(start)" : "\(start)-\(end)") + stepSuffix
        default:
            throw CronFieldFailure(code: .invalidRange, reason: "\"\(base)\" is not a range (expected A-B)")
        }
    }

    /// Parses a number or a name of this field and checks it against the field's range.
    private func parseValue(_ text: Substring, in element: Substring) throws(CronFieldFailure) -> Int {
        if text.isEmpty {
            throw CronFieldFailure(code: .invalidValue, reason: "missing value in \"\(element)\"")
        }
        if let named = names[text.uppercased()] {
            return named
        }
        if text.uppercased() == "L" {
            let reason = self == .dayOfMonth
                ? "L cannot be part of a range in \"\(element)\"" : "L is only allowed in day-of-month"
            throw CronFieldFailure(code: .invalidLast, reason: reason)
        }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw CronFieldFailure(code: .invalidValue, reason: "\"\(text)\" is not \(expectedValue)")
        }
        guard let value = Int(text), bounds.contains(value) else {
            throw CronFieldFailure(
                code: .outOfRange,
                reason: "\(text) is out of range \(bounds.lowerBound)-\(bounds.upperBound)")
        }
        return value
    }

    /// Parses the number after `/`, which must lie between 1 and the number of values of the field.
    private func parseStep(_ text: Substring) throws(CronFieldFailure) -> Int {
        let span = openUpperBound - bounds.lowerBound + 1
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw CronFieldFailure(code: .invalidStep, reason: "step \"\(text)\" is not a number")
        }
        guard let step = Int(text), (1...span).contains(step) else {
            throw CronFieldFailure(code: .invalidStep, reason: "step \(text) is out of range 1-\(span)")
        }
        return step
    }

    /// Adds `start`, `start + step` … up to `end`; day-of-week 7 goes in as 0 (both are Sunday).
    private func insert(from start: Int, through end: Int, step: Int, into bits: inout CronBits) {
        for value in stride(from: start, through: end, by: step) {
            bits.insert(self == .dayOfWeek && value == 7 ? 0 : value)
        }
    }
}
