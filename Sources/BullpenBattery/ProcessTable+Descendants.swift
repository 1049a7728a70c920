extension ProcessTable {
    /// The live processes below `ancestor` (its children, their children, ...), not `ancestor` itself.
    public static func descendants(of ancestor: Int32) -> [Entry] {
        let everyone = all().filter { $0.state != "Z" }
        let byParent = Dictionary(grouping: everyone, by: \.parent)
        var found: [Entry] = []
        var frontier = [ancestor]
        while let parent = frontier.popLast() {
            for child in byParent[parent] ?? [] {
                found.append(child)
                frontier.append(child.pid)
            }
        }
        return found
    }

    /// Whether the process `entry` describes still runs: same pid, same start time (not a reused pid),
    /// not a zombie.
    public static func isAlive(_ entry: Entry) -> Bool {
        guard let now = ProcessTable.entry(pid: entry.pid) else { return false }
        return now.startedAt == entry.startedAt && now.state != "Z"
    }
}
