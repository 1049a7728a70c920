import Glibc

/// One spawned child of the supervisor (a worker, or the embedded redis-server) while it lives.
struct SpawnedChild: Sendable, Hashable {
    /// The child's pid.
    let pid: pid_t
    /// The worker id it was started with.
    let workerID: String
    /// The supervisor-wide spawn counter at its start: a rollout replaces the workers spawned before it.
    let serial: UInt64
    /// When it was spawned (for the start window and quick deaths).
    let startedAt: ContinuousClock.Instant
    /// When it was spawned, in milliseconds since the Unix epoch (for status).
    let startedAtMilliseconds: Int64
    /// When it gets SIGKILL if still alive; set once it was sent SIGTERM.
    var stopDeadline: ContinuousClock.Instant?
    /// The supervisor sent it SIGKILL.
    var killed = false

    init(pid: pid_t, workerID: String, serial: UInt64, startedAt: ContinuousClock.Instant) {
        self.pid = pid
        self.workerID = workerID
        self.serial = serial
        self.startedAt = startedAt
        self.startedAtMilliseconds = WallClock.milliseconds()
    }
}

/// The wall clock, for timestamps shown to people (never for deadlines: those use `ContinuousClock`).
enum WallClock {
    /// Milliseconds since the Unix epoch.
    static func milliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
