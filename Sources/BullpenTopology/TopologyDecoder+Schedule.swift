import BullpenCron
import Yams

/// One repeatable job under a queue's `schedules`.
extension TopologyDecoder {
    static let scheduleKeys = ["cron", "tz", "every", "name", "data", "start", "end", "limit", "catch_up"]

    /// Reads the schedule of `entry`; nil when it cannot be used (after reporting why).
    mutating func decodeSchedule(_ entry: MappingFields.Entry, in parent: SettingPath) -> ScheduleSetting? {
        let path = parent.child(entry.key)
        let validName = checkName(entry.key, "schedule id", path, at: entry.keyNode)
        guard let fields = fields(entry.value, path, allowed: Self.scheduleKeys) else { return nil }

        let cron = string(fields, "cron")
        let timeZone = string(fields, "tz")
        let every = duration(fields, "every", atLeast: .milliseconds(1))
        var trigger: ScheduleSetting.Trigger?
        switch (fields.value("cron"), fields.value("every")) {
        case (nil, nil):
            report(.missingKey, path, at: entry.value, "needs cron or every (a cron expression such as \"0 9 * * *\", or an interval such as 15m)")
        case (let cronNode?, let everyNode?):
            report(.conflict, path, at: entry.value,
                   "has both cron \"\(cronNode.scalar?.string ?? "")\" and every \"\(everyNode.scalar?.string ?? "")\" (give exactly one)")
        case (.some, nil):
            if let cron {
                if cron.allSatisfy(\.isWhitespace) {
                    report(.invalidValue, path.child("cron"), at: fields.value("cron"), "the cron expression is empty")
                } else {
                    do {
                        _ = try CronExpression(parsing: cron)
                        trigger = .cron(cron, timeZone: timeZone ?? "UTC")
                    } catch {
                        report(.invalidValue, path.child("cron"), at: fields.value("cron"), error.message)
                    }
                }
            }
        case (nil, .some):
            if let tzNode = fields.value("tz") {
                report(.conflict, path.child("tz"), at: tzNode, "tz \"\(timeZone ?? "")\" applies only to cron schedules")
            }
            trigger = every.map { .every($0) }
        }
        if let timeZone, timeZone.isEmpty || timeZone.contains(where: \.isWhitespace) {
            report(.invalidValue, path.child("tz"), at: fields.value("tz"), "invalid time zone \"\(timeZone)\" (expected an IANA name such as Europe/Berlin)")
        } else if let timeZone, (try? Schedule.timeZone(named: timeZone)) == nil {
            report(.invalidValue, path.child("tz"), at: fields.value("tz"), "unknown time zone \"\(timeZone)\" (expected an IANA name such as Europe/Berlin)")
        }

        var name: String?
        if let node = fields.value("name"), let text = string(node, path.child("name")) {
            if text.isEmpty {
                report(.invalidValue, path.child("name"), at: node, "the job name is empty")
            } else {
                name = text
            }
        }
        var data: String?
        if let node = fields.value("data") {
            data = jsonText(node, path.child("data"))
        }
        let start = timestamp(fields, "start")
        let end = timestamp(fields, "end")
        if let start, let end, end <= start {
            report(.conflict, path.child("end"), at: fields.value("end"),
                   "end \(TimestampText.format(end)) is not after start \(TimestampText.format(start))")
        }
        let limit = int(fields, "limit", 1...Int(Int32.max))
        let catchUp = bool(fields, "catch_up") ?? false
        guard validName, let trigger else { return nil }
        return ScheduleSetting(
            id: entry.key, trigger: trigger, name: name, data: data, start: start, end: end,
            limit: limit, catchUp: catchUp)
    }
}
