import BullpenCore
import BullpenTopology

/// The `opts` object of a `--bulk` line, with BullMQ's names. Durations are milliseconds (as in BullMQ)
/// or duration text (`"5m"`):
///
/// | key | value |
/// |-----|-------|
/// | `jobId` | string |
/// | `priority`, `attempts` | integer |
/// | `delay`, `timeout` | milliseconds or `"30s"` |
/// | `backoff` | `"exponential:2s"`, milliseconds (fixed), or `{"type": "fixed", "delay": 5000, "jitter": 0.2}` |
/// | `lifo` | boolean |
/// | `removeOnComplete`, `removeOnFail` | `true`, `false`, a count, an age such as `"1d"`, or `{"count": 100, "age": "1d"}` |
enum BulkOptions {
    /// The keys `opts` may have.
    static let keys = ["jobId", "priority", "delay", "attempts", "backoff", "lifo", "removeOnComplete", "removeOnFail", "timeout"]

    /// Reads the options; the error message names the option (`opts.delay: ...`).
    static func parse(_ values: [String: JSONInput]) throws(CLIError) -> JobOptions {
        var options = JobOptions()
        for key in values.keys.sorted() {
            let value = values[key] ?? .null
            let path = "opts.\(key)"
            switch key {
            case "jobId":
                guard case .string(let id) = value else { throw wrong(path, value, "a string") }
                options.jobId = id
            case "priority": options.priority = try integer(path, value)
            case "attempts": options.attempts = try integer(path, value)
            case "delay": options.delay = try milliseconds(path, value)
            case "timeout": options.timeout = try milliseconds(path, value)
            case "lifo":
                guard case .bool(let flag) = value else { throw wrong(path, value, "true or false") }
                options.lifo = flag
            case "backoff": options.backoff = try backoff(path, value)
            case "removeOnComplete": options.removeOnComplete = try retention(path, value)
            case "removeOnFail": options.removeOnFail = try retention(path, value)
            default:
                throw CLIError(.dataError, "unknown option \"\(key)\" (expected \(keys.joined(separator: ", ")))")
            }
        }
        return options
    }

    private static func integer(_ path: String, _ value: JSONInput) throws(CLIError) -> Int {
        guard case .integer(let number) = value, let result = Int(exactly: number) else { throw wrong(path, value, "an integer") }
        return result
    }

    private static func milliseconds(_ path: String, _ value: JSONInput) throws(CLIError) -> Int64 {
        switch value {
        case .integer(let number):
            guard number >= 0 else { throw CLIError(.dataError, "\(path): \(number) (must be 0 or more)") }
            return number
        case .string(let text):
            do {
                return try JobOptionText.duration(path, text).milliseconds
            } catch {
                throw CLIError(.dataError, error.message)
            }
        default:
            throw wrong(path, value, "milliseconds or a duration such as \"5m\"")
        }
    }

    private static func backoff(_ path: String, _ value: JSONInput) throws(CLIError) -> Backoff {
        switch value {
        case .string(let text):
            do {
                return try JobOptionText.backoff(path, text)
            } catch {
                throw CLIError(.dataError, error.message)
            }
        case .integer:
            return Backoff(.fixed, delay: .milliseconds(try milliseconds(path, value)))
        case .object(let fields):
            guard case .string(let type)? = fields["type"], let kind = Backoff.Kind(rawValue: type) else {
                throw wrong("\(path).type", fields["type"] ?? .null, "\"fixed\" or \"exponential\"")
            }
            let delay = try milliseconds("\(path).delay", fields["delay"] ?? .integer(0))
            var jitter = 0.0
            switch fields["jitter"] {
            case nil: break
            case .integer(let number)?: jitter = Double(number)
            case .number(let number)?: jitter = number
            case let other?: throw wrong("\(path).jitter", other, "a number from 0 to 1")
            }
            if let unknown = fields.keys.sorted().first(where: { !["type", "delay", "jitter"].contains($0) }) {
                throw CLIError(.dataError, "\(path): unknown key \"\(unknown)\" (expected type, delay, jitter)")
            }
            return Backoff(kind, delay: .milliseconds(delay), jitter: jitter)
        default:
            throw wrong(path, value, "\"exponential:2s\", milliseconds, or {\"type\": ..., \"delay\": ...}")
        }
    }

    private static func retention(_ path: String, _ value: JSONInput) throws(CLIError) -> JobRetention {
        switch value {
        case .bool(let remove): return remove ? .removeAll : .keepAll
        case .integer: return .keep(try integer(path, value))
        case .string(let text):
            do {
                return try JobOptionText.retention(path, text)
            } catch {
                throw CLIError(.dataError, error.message)
            }
        case .object(let fields):
            if let unknown = fields.keys.sorted().first(where: { !["count", "age"].contains($0) }) {
                throw CLIError(.dataError, "\(path): unknown key \"\(unknown)\" (expected count, age)")
            }
            var rule = JobRetention()
            if let count = fields["count"] { rule.count = try integer("\(path).count", count) }
            if let age = fields["age"] { rule.age = try milliseconds("\(path).age", age) }
            return rule
        default:
            throw wrong(path, value, "true, false, a count, an age such as \"1d\", or {\"count\": ..., \"age\": ...}")
        }
    }

    private static func wrong(_ path: String, _ value: JSONInput, _ expected: String) -> CLIError {
        CLIError(.dataError, "\(path): expected \(expected), got \(value)")
    }
}
