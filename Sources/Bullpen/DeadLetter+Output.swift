import BullpenCore
import BullpenTopology

extension DeadLetter {
    /// The entry for `--json`: data and options embedded as JSON, the time as ISO-8601 UTC.
    var jsonOutput: JSONOutput {
        .object([
            ("id", .string(id)), ("queue", .string(queue)), ("name", .string(name)), ("data", .raw(data)),
            ("options", .raw(opts)), ("error", .string(error)), ("failedAt", .string(TimestampText.format(failedAt))),
            ("attemptsMade", .int(attemptsMade)), ("crashes", .int(crashes ?? 0)),
        ])
    }

    /// The entry for people, one `field: value` line each.
    var textLines: [String] {
        let fields: [(String, String)] = [
            ("id", id), ("queue", queue), ("name", name), ("failed at", TimestampText.format(failedAt)),
            ("attempts", String(attemptsMade)), ("crashes", String(crashes ?? 0)), ("error", error),
            ("options", opts ?? "{}"), ("data", data),
        ]
        let width = fields.map(\.0.count).max() ?? 0
        return fields.map { "\($0.0):" + String(repeating: " ", count: width - $0.0.count + 1) + $0.1 }
    }
}
