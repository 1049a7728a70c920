import BullpenTopology

/// A queue as the supervisor runs it: its settings, its slots, and a rolling restart in progress.
struct QueueRuntime {
    /// The queue's settings from the applied topology (the last ones, for a removed queue).
    var settings: QueueTopology
    /// The queue was removed by a reload: its slots are drained, then the queue is forgotten.
    var removed = false
    /// The slots, by index; slots past the wanted count are being stopped.
    var slots: [ProcessSlot] = []
    /// A rolling restart in progress: every slot whose worker was spawned before this serial is
    /// replaced, one slot at a time.
    var rolloutBefore: UInt64?

    init(settings: QueueTopology) {
        self.settings = settings
    }

    /// The queue's name.
    var name: String { settings.name }

    /// How many slots should run.
    var wantedCount: Int { removed ? 0 : settings.processes }
}
