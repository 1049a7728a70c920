extension JobDefaults {
    /// The defaults as a render tree.
    func renderNode() -> RenderNode {
        var entries: [(key: String, value: RenderNode)] = [("attempts", .scalar(String(attempts)))]
        if let backoff {
            entries.append(("backoff", .mapping([
                ("type", .scalar(backoff.kind.rawValue)), ("delay", .duration(backoff.delay)),
                ("jitter", .scalar(String(backoff.jitter))),
            ])))
        }
        if let priority { entries.append(("priority", .scalar(String(priority)))) }
        entries += [("delay", .duration(delay)), ("lifo", .scalar(String(lifo)))]
        if let timeout { entries.append(("timeout", .duration(timeout))) }
        entries += [
            ("remove_on_complete", removeOnComplete.renderNode()),
            ("remove_on_fail", removeOnFail.renderNode()),
        ]
        return .mapping(entries)
    }
}
