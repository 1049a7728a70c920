import BullpenCore
import BullpenTopology

/// The spellings of job options on the command line (and as strings in `--bulk` lines), with errors that
/// name the option and quote the bad value: `invalid job option delay: -5s (must be 0 or more)`.
enum JobOptionText {
    /// A duration such as `30s` or `1h30m` (see `DurationText`); never negative.
    static func duration(_ option: String, _ text: String) throws(CLIError) -> Duration {
        if text.hasPrefix("-") { throw invalid(option, "\(text) (must be 0 or more)") }
        do {
            return try DurationText.parse(text)
        } catch {
            throw invalid(option, error.message)
        }
    }

    /// `fixed:DURATION` or `exponential:DURATION`, optionally `:JITTER` (0 to 1): `exponential:2s:0.2`.
    static func backoff(_ option: String, _ text: String) throws(CLIError) -> Backoff {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let expected = "expected fixed:DURATION or exponential:DURATION[:JITTER], e.g. exponential:2s"
        guard (2...3).contains(parts.count), let kind = Backoff.Kind(rawValue: parts[0]) else {
            throw invalid(option, "\"\(text)\" (\(expected))")
        }
        let delay = try duration(option, parts[1])
        var jitter = 0.0
        if parts.count == 3 {
            guard let value = Double(parts[2]), (0...1).contains(value) else {
                throw invalid(option, "\"\(text)\" (jitter \"\(parts[2])\" must be a number from 0 to 1)")
            }
            jitter = value
        }
        return Backoff(kind, delay: delay, jitter: jitter)
    }

    /// `true` (remove each job as it finishes), `false` (keep all), a count (keep the newest N) or an age
    /// (keep jobs younger than that, e.g. `1d`).
    static func retention(_ option: String, _ text: String) throws(CLIError) -> JobRetention {
        switch text {
        case "true": return .removeAll
        case "false": return .keepAll
        default: break
        }
        if let count = Int(text) {
            guard count >= 0 else { throw invalid(option, "\(text) (a count must be 0 or more)") }
            return .keep(count)
        }
        if text.first?.isNumber == true, let age = try? DurationText.parse(text), age > .zero {
            return .keep(for: age)
        }
        throw invalid(option, "\"\(text)\" (expected true, false, a count such as 100, or an age such as 1d)")
    }

    /// `invalid job option <option>: <detail>`, a usage error.
    static func invalid(_ option: String, _ detail: String) -> CLIError {
        CLIError(.usage, "invalid job option \(option): \(detail)")
    }
}
