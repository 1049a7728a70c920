/// How one queue differs between two topologies: added, removed, scaled, or with changed settings.
public struct QueueChange: Sendable, Equatable {
    /// What happened to the queue as a whole.
    public enum Kind: Sendable, Equatable {
        /// The queue is new: start its processes.
        case added
        /// The queue is gone: drain its processes.
        case removed
        /// The queue is in both, with a different process count or settings.
        case changed
    }

    /// The queue name.
    public var name: String
    /// What happened to the queue as a whole.
    public var kind: Kind
    /// Processes before (0 for an added queue).
    public var processesBefore: Int
    /// Processes after (0 for a removed queue).
    public var processesAfter: Int
    /// The settings that changed, other than the process count (empty for an added or removed queue).
    public var settingChanges: [SettingChange]

    /// Creates a change.
    public init(name: String, kind: Kind, processesBefore: Int, processesAfter: Int, settingChanges: [SettingChange] = []) {
        self.name = name
        self.kind = kind
        self.processesBefore = processesBefore
        self.processesAfter = processesAfter
        self.settingChanges = settingChanges
    }

    /// Processes to start (positive) or drain (negative) for a ``Kind/changed`` queue.
    public var processDelta: Int { processesAfter - processesBefore }

    /// The queue's running processes must restart: a setting they use changed. Stop timeout and
    /// schedule changes are applied by the supervisor without a restart.
    public var needsRestart: Bool { kind == .changed && settingChanges.contains(where: \.needsRestart) }
}
