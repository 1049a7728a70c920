import BullpenProcess

/// Everything a ``Supervisor`` needs: the topology file, how to run workers, the hooks the Redis side
/// plugs into, and the clocks.
///
/// The hooks run synchronously on the supervisor's (main) thread, so they need not be `Sendable`, and
/// neither is this value.
public struct SupervisorConfiguration {
    /// The topology file (`etc/bullpen.yaml`); made absolute against the working directory at start, and
    /// passed to every worker as `--config`.
    public var topologyPath: String
    /// How workers are run.
    public var workerCommand: WorkerCommand
    /// How the embedded redis-server is run (used only with `redis: embedded`).
    public var embeddedRedis: EmbeddedRedisLauncher
    /// Told about every worker that ended (releases its jobs).
    public var exitObserver: any WorkerExitObserver
    /// Receives status snapshots (heartbeats for `bullpen status`).
    public var statusPublisher: any StatusPublisher
    /// Checks Redis once before the first worker starts.
    public var startupCheck: any StartupCheck
    /// systemd's notify protocol; disabled when the process was not started by a `Type=notify` unit.
    public var notifier: SystemdNotifier
    /// Where log lines go.
    public var log: SupervisorLog
    /// The supervisor's clocks.
    public var timing: SupervisorTiming
    /// The environment workers and redis-server start from (before `WorkerCommand`'s changes), as
    /// `NAME=value` strings. Default: the supervisor's own environment.
    public var environment: [String]

    /// A configuration; `workerCommand` is usually `WorkerCommand.currentExecutable()` and the embedded
    /// Redis trampoline `ExecutablePath.current()`.
    public init(
        topologyPath: String,
        workerCommand: WorkerCommand,
        embeddedRedis: EmbeddedRedisLauncher,
        exitObserver: any WorkerExitObserver = NoWorkerExitObserver(),
        statusPublisher: any StatusPublisher = NoStatusPublisher(),
        startupCheck: any StartupCheck = NoStartupCheck(),
        notifier: SystemdNotifier = .fromEnvironment(),
        log: SupervisorLog = SupervisorLog(),
        timing: SupervisorTiming = SupervisorTiming(),
        environment: [String] = ProcessEnvironment.current()
    ) {
        self.topologyPath = topologyPath
        self.workerCommand = workerCommand
        self.embeddedRedis = embeddedRedis
        self.exitObserver = exitObserver
        self.statusPublisher = statusPublisher
        self.startupCheck = startupCheck
        self.notifier = notifier
        self.log = log
        self.timing = timing
        self.environment = environment
    }

    /// The standard configuration for `bullpen supervise --config <path>`: workers and the Redis
    /// trampoline re-execute the running binary, no hooks.
    public static func standard(topologyPath: String) throws(SupervisorError) -> SupervisorConfiguration {
        let executable = try ExecutablePath.current()
        return SupervisorConfiguration(
            topologyPath: topologyPath, workerCommand: WorkerCommand(executable: executable),
            embeddedRedis: EmbeddedRedisLauncher(trampoline: executable))
    }
}
