import BullpenCore
import BullpenTopology
import Foundation

extension Job {
    /// The job for `--json`: data, progress and return value embedded as JSON, timestamps as ISO-8601 UTC.
    var jsonOutput: JSONOutput {
        .object([
            ("id", .string(id)), ("queue", .string(queue)), ("name", .string(name)), ("state", .string(state.rawValue)),
            ("data", .raw(data)), ("options", .raw(optionsJSON)),
            ("attemptsMade", .int(attemptsMade)), ("attemptsStarted", .int(attemptsStarted)),
            ("maxAttempts", .int(maxAttempts)), ("stalls", .int(stalls)), ("crashes", .int(crashes)),
            ("progress", .raw(progress)), ("returnValue", .raw(returnValue)), ("failedReason", .string(failedReason)),
            ("stacktrace", .array(stacktrace.map { .string($0) })), ("logs", .array(logs.map { .string($0) })),
            ("createdAt", .string(TimestampText.format(createdAt))),
            ("processedAt", .string(processedAt.map(TimestampText.format))),
            ("finishedAt", .string(finishedAt.map(TimestampText.format))),
            ("delay", .int(delay)), ("priority", .int(priority)), ("workerID", .string(workerID)),
        ])
    }

    /// The job for people: one `field: value` line each, then the stack traces and logs indented.
    var textLines: [String] {
        var fields: [(String, String)] = [
            ("id", id), ("queue", queue), ("name", name), ("state", state.rawValue),
            ("attempts", "\(attemptsMade) of \(maxAttempts) made (\(attemptsStarted) started, \(stalls) stalls, \(crashes) crashes)"),
            ("priority", priority == 0 ? "none" : String(priority)),
            ("delay", DurationText.format(milliseconds: delay)),
            ("created", TimestampText.format(createdAt)),
        ]
        if let processedAt { fields.append(("processed", TimestampText.format(processedAt))) }
        if let finishedAt { fields.append(("finished", TimestampText.format(finishedAt))) }
        if let workerID { fields.append(("worker", workerID)) }
        if let progress { fields.append(("progress", progress)) }
        if let returnValue { fields.append(("return value", returnValue)) }
        if let failedReason { fields.append(("failed reason", failedReason)) }
        fields.append(("options", optionsJSON))
        fields.append(("data", data))
        let width = fields.map(\.0.count).max() ?? 0
        var lines = fields.map { "\($0.0):" + String(repeating: " ", count: width - $0.0.count + 1) + $0.1 }
        if !stacktrace.isEmpty {
            lines.append("stacktrace:")
            for (index, stack) in stacktrace.enumerated() {
                if index > 0 { lines.append("  --") }
                lines += stack.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
            }
        }
        if !logs.isEmpty {
            lines.append("logs:")
            lines += logs.map { "  " + $0 }
        }
        return lines
    }

    /// The options as compact JSON with sorted keys (durations in milliseconds).
    var optionsJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(options)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
