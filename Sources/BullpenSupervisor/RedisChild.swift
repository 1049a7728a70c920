import BullpenProcess

/// The embedded redis-server as a supervised child: a slot of its own that is restarted with backoff
/// but never gives up (no worker can do anything without it), started before the workers and stopped
/// after them.
struct RedisChild {
    /// Where it lives and how it is run.
    let plan: EmbeddedRedisPlan
    /// `starting` until it answers PING, then `running`; `backoff` after a death.
    var state: SlotState = .exited
    /// The live server; its `stopDeadline` is set once it was sent SIGTERM.
    var process: SpawnedChild?
    /// Quick deaths in a row (for the backoff only).
    var quickDeaths = 0
    /// When a server in `backoff` is spawned again.
    var restartAt: ContinuousClock.Instant?
    /// Servers spawned so far.
    var spawns = 0
    /// How the last server ended.
    var lastExit: TerminationStatus?
    /// Since when the start has been waiting for an answer (a `LOADING` reply moves it forward).
    var waitingSince: ContinuousClock.Instant?
    /// The supervisor is stopping it: it is not restarted.
    var stopRequested = false

    init(plan: EmbeddedRedisPlan) {
        self.plan = plan
    }

    /// The server as `bullpen status` shows it.
    var status: SlotStatus {
        SlotStatus(
            queue: "redis-server", index: 0, state: state, pid: process?.pid, workerID: nil, retiringPIDs: [],
            restarts: max(0, spawns - 1), startedAtMilliseconds: process?.startedAtMilliseconds, lastExit: lastExit)
    }
}
