/// One setting that differs between two topologies, with both values as the file spells them.
public struct SettingChange: Sendable, Equatable, CustomStringConvertible {
    /// The dotted key path: relative to the queue for a queue's setting (`defaults.attempts`), from the top
    /// for a top-level one (`restart.fatal_after`).
    public var path: String
    /// The old value; nil when it was not set.
    public var old: String?
    /// The new value; nil when it is no longer set.
    public var new: String?
    /// For a queue's setting: its workers must restart to use it. For a top-level setting: the supervisor
    /// itself must restart (Redis, prefix), since a reload cannot move the queues.
    public var needsRestart: Bool

    /// Creates a change.
    public init(path: String, old: String?, new: String?, needsRestart: Bool) {
        self.path = path
        self.old = old
        self.new = new
        self.needsRestart = needsRestart
    }

    /// `concurrency 10 -> 20`; an unset value reads `none`.
    public var description: String {
        "\(path) \(old ?? "none") -> \(new ?? "none")"
    }

    /// The changes between two render trees' scalars, in the order of `new` then what only `old` had.
    static func between(
        _ old: RenderNode, _ new: RenderNode, excluding excluded: Set<String> = [],
        needsRestart: (String) -> Bool
    ) -> [SettingChange] {
        let oldLeaves = old.leaves().filter { !excluded.contains($0.path) }
        let newLeaves = new.leaves().filter { !excluded.contains($0.path) }
        let oldValues = Dictionary(oldLeaves.map { ($0.path, $0.value) }) { first, _ in first }
        let newValues = Dictionary(newLeaves.map { ($0.path, $0.value) }) { first, _ in first }
        var changes: [SettingChange] = []
        for leaf in newLeaves where oldValues[leaf.path] != leaf.value {
            changes.append(SettingChange(
                path: leaf.path, old: oldValues[leaf.path], new: leaf.value, needsRestart: needsRestart(leaf.path)))
        }
        for leaf in oldLeaves where newValues[leaf.path] == nil {
            changes.append(SettingChange(path: leaf.path, old: leaf.value, new: nil, needsRestart: needsRestart(leaf.path)))
        }
        return changes
    }
}
