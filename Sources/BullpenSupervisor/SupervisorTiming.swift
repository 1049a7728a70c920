/// The supervisor's clocks: how often its loop wakes and how long it waits for things.
public struct SupervisorTiming: Sendable, Hashable {
    /// The longest the loop sleeps in `sigtimedwait` when no signal comes; timers (backoffs, stop
    /// deadlines, start windows) are checked at this granularity. Default 100ms.
    public var tick: Duration
    /// How long a worker must stay up to count as `running`. Default 1s.
    public var startWindow: Duration
    /// How often workers' resident memory is compared with their queue's `max_memory`. Default 5s.
    public var memoryCheckInterval: Duration
    /// The longest time between two status snapshots (``StatusPublisher``). Default 5s.
    public var statusInterval: Duration
    /// How often reports a ``WorkerExitObserver`` refused are tried again. Default 1s.
    public var retryInterval: Duration
    /// How long the embedded redis-server may take to answer its first PING (a `LOADING` answer counts
    /// as an answer and restarts the wait). Default 60s.
    public var redisStartTimeout: Duration
    /// How long the embedded redis-server may take to exit after SIGTERM before it is killed. Default 30s.
    public var redisStopTimeout: Duration
    /// How long past its stop timeout a stopping worker is left to hand back the jobs it cancelled,
    /// before SIGKILL. Running jobs get the whole stop timeout; this is the worker's time to return the
    /// rest (one round trip, normally milliseconds). Default 1s.
    public var handBackGrace: Duration

    /// Creates the timing; the defaults suit production.
    public init(
        tick: Duration = .milliseconds(100), startWindow: Duration = .seconds(1),
        memoryCheckInterval: Duration = .seconds(5), statusInterval: Duration = .seconds(5),
        retryInterval: Duration = .seconds(1), redisStartTimeout: Duration = .seconds(60),
        redisStopTimeout: Duration = .seconds(30), handBackGrace: Duration = .seconds(1)
    ) {
        self.tick = tick
        self.startWindow = startWindow
        self.memoryCheckInterval = memoryCheckInterval
        self.statusInterval = statusInterval
        self.retryInterval = retryInterval
        self.redisStartTimeout = redisStartTimeout
        self.redisStopTimeout = redisStopTimeout
        self.handBackGrace = handBackGrace
    }
}
