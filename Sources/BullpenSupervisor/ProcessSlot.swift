import BullpenProcess

/// One process slot of a queue: the state machine of ``SlotState`` and the processes it owns.
struct ProcessSlot {
    /// The queue's name.
    let queue: String
    /// The slot's index in its queue, from 0.
    let index: Int
    /// The state of the current worker (see ``SlotState`` for the transitions).
    var state: SlotState = .exited
    /// The current worker: `starting` or `running`.
    var worker: SpawnedChild?
    /// The worker a replacement takes over from: it keeps serving until `worker` is `running`, then it
    /// gets SIGTERM and moves to `retiring`.
    var predecessor: SpawnedChild?
    /// Workers sent SIGTERM, waited for until their stop deadline.
    var retiring: [SpawnedChild] = []
    /// Quick deaths in a row.
    var quickDeaths = 0
    /// When a slot in `backoff` spawns again.
    var restartAt: ContinuousClock.Instant?
    /// Workers spawned by this slot so far (the generation of the latest).
    var spawns = 0
    /// How the last worker of the slot ended.
    var lastExit: TerminationStatus?
    /// The slot is being stopped (drain, or removed by a reload): nothing is restarted.
    var stopRequested = false
    /// A replacement went `fatal` and the previous worker was kept: the running rollout skips the slot.
    var replacementGaveUp = false

    init(queue: String, index: Int) {
        self.queue = queue
        self.index = index
    }

    /// `queue images slot 1`, the start of every log line about the slot.
    var label: String { "queue \(queue) slot \(index)" }

    /// True when the slot owns no process at all.
    var isEmpty: Bool { worker == nil && predecessor == nil && retiring.isEmpty }

    /// Every live process of the slot.
    var processes: [SpawnedChild] { [worker, predecessor].compactMap { $0 } + retiring }

    /// A replacement or a revived slot is still settling: a rollout waits before its next step.
    var isChanging: Bool { predecessor != nil || !retiring.isEmpty }

    /// The slot as `bullpen status` shows it.
    var status: SlotStatus {
        SlotStatus(
            queue: queue, index: index, state: state, pid: worker?.pid, workerID: worker?.workerID,
            retiringPIDs: ([predecessor].compactMap { $0 } + retiring).map(\.pid), restarts: max(0, spawns - 1),
            startedAtMilliseconds: worker?.startedAtMilliseconds, lastExit: lastExit)
    }
}
