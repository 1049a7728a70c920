/// What a reload must do to go from one topology to another, and the one-line plan it logs:
/// `+1 images process, drain reports, restart emails (concurrency 10 -> 20)`.
public struct TopologyDiff: Sendable, Equatable, CustomStringConvertible {
    /// Top-level settings that changed (Redis, prefix, stop timeout, restart policy).
    public var settingChanges: [SettingChange]
    /// The queues that changed: in the new file's order, then removed queues in the old file's order.
    public var queueChanges: [QueueChange]

    /// Compares two topologies.
    public init(from old: Topology, to new: Topology) {
        // Redis and the key prefix say where the queues are: a reload cannot move them.
        let fullRestartKeys = ["redis", "prefix", "embedded_redis"]
        // Compare with secrets so a new password counts as a change, but never show them.
        settingChanges = SettingChange.between(
            .mapping(old.settingsEntries(showSecrets: true)), .mapping(new.settingsEntries(showSecrets: true))
        ) { path in fullRestartKeys.contains { path == $0 || path.hasPrefix("\($0).") } }
            .map { change in
                guard change.path == "redis" else { return change }
                return SettingChange(
                    path: "redis", old: RenderNode.yamlText(old.redis.redacted),
                    new: RenderNode.yamlText(new.redis.redacted), needsRestart: true)
            }

        var changes: [QueueChange] = []
        for queue in new.queues {
            guard let before = old.queue(named: queue.name) else {
                changes.append(QueueChange(name: queue.name, kind: .added, processesBefore: 0, processesAfter: queue.processes))
                continue
            }
            guard before != queue else { continue }
            // The supervisor applies these itself; running workers never read them.
            let settings = SettingChange.between(before.renderNode(), queue.renderNode(), excluding: ["processes"]) { path in
                !(path == "stop_timeout" || path.hasPrefix("schedules."))
            }
            changes.append(QueueChange(
                name: queue.name, kind: .changed, processesBefore: before.processes, processesAfter: queue.processes,
                settingChanges: settings))
        }
        for queue in old.queues where new.queue(named: queue.name) == nil {
            changes.append(QueueChange(name: queue.name, kind: .removed, processesBefore: queue.processes, processesAfter: 0))
        }
        queueChanges = changes
    }

    /// True when the two topologies are the same.
    public var isEmpty: Bool { settingChanges.isEmpty && queueChanges.isEmpty }

    /// True when a reload cannot apply the change: Redis, its embedded settings or the prefix changed.
    public var needsFullRestart: Bool { settingChanges.contains(where: \.needsRestart) }

    /// The plan on one line, `no changes` when there are none. Top-level changes come first, then queues
    /// started, scaled, drained, restarted and updated, each group in queue order.
    public var plan: String {
        var parts = settingChanges.map { $0.needsRestart ? "\($0) (needs a supervisor restart)" : $0.description }
        for change in queueChanges where change.kind == .added {
            parts.append("start \(change.name) (\(Self.processes(change.processesAfter)))")
        }
        for change in queueChanges where change.kind == .changed && change.processDelta != 0 {
            let sign = change.processDelta > 0 ? "+" : "-"
            parts.append("\(sign)\(change.processDelta.magnitude) \(change.name) \(Self.noun(Int(change.processDelta.magnitude)))")
        }
        for change in queueChanges where change.kind == .removed {
            parts.append("drain \(change.name)")
        }
        for change in queueChanges where change.kind == .changed && !change.settingChanges.isEmpty {
            let verb = change.needsRestart ? "restart" : "update"
            parts.append("\(verb) \(change.name) (\(change.settingChanges.map(\.description).joined(separator: ", ")))")
        }
        return parts.isEmpty ? "no changes" : parts.joined(separator: ", ")
    }

    /// The plan.
    public var description: String { plan }

    private static func noun(_ count: Int) -> String { count == 1 ? "process" : "processes" }

    private static func processes(_ count: Int) -> String { "\(count) \(noun(count))" }
}
