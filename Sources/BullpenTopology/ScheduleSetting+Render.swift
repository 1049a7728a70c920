extension ScheduleSetting {
    /// The schedule as a render tree.
    func renderNode() -> RenderNode {
        var entries: [(key: String, value: RenderNode)]
        switch trigger {
        case .cron(let expression, let timeZone): entries = [("cron", .text(expression)), ("tz", .text(timeZone))]
        case .every(let interval): entries = [("every", .duration(interval))]
        }
        entries.append(("name", .text(name)))
        if let data { entries.append(("data", .scalar(data))) }
        if let start { entries.append(("start", .text(TimestampText.format(start)))) }
        if let end { entries.append(("end", .text(TimestampText.format(end)))) }
        if let limit { entries.append(("limit", .scalar(String(limit)))) }
        entries.append(("catch_up", .scalar(String(catchUp))))
        return .mapping(entries)
    }
}
