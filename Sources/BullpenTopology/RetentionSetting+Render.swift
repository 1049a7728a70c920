extension RetentionSetting {
    /// `false`, `true`, or `{ count, age }` with the parts that are set.
    func renderNode() -> RenderNode {
        if keepsAll { return .scalar("false") }
        if self == .keepNone { return .scalar("true") }
        var entries: [(key: String, value: RenderNode)] = []
        if let count { entries.append(("count", .scalar(String(count)))) }
        if let age { entries.append(("age", .duration(age))) }
        return .mapping(entries)
    }
}
