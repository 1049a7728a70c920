import BullpenProcess
import Glibc

/// How to run a worker for a slot: the program, its arguments and additions to its environment.
///
/// The standard command re-executes the supervisor's own binary (``currentExecutable()``), so an app that
/// links the library and registers its handlers runs *itself* as its workers. Its command line is
///
///     <exe> worker --config <absolute topology path> --queue <name> --worker-id <id> [--redis <url>]
///
/// and its environment is the supervisor's, without `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID`
/// (a worker must never speak to systemd for the supervisor), plus `BULLPEN_SUPERVISOR_PID=<pid>` (the
/// parent the worker checks after arming `ParentDeath`) and `BULLPEN_WORKER_ID=<id>`. Tests inject fake
/// workers with their own executable and argument builder.
public struct WorkerCommand: Sendable {
    /// The environment variable holding the supervisor's pid.
    public static let supervisorPIDVariable = "BULLPEN_SUPERVISOR_PID"
    /// The environment variable holding the worker's id.
    public static let workerIDVariable = "BULLPEN_WORKER_ID"

    /// The program to run: an absolute path (not searched in `PATH`).
    public var executable: String
    /// Builds the arguments after `argv[0]` for one launch.
    public var arguments: @Sendable (WorkerLaunch) -> [String]
    /// Changes to the environment on top of the standard one: a value sets a variable, nil removes it.
    public var environment: [String: String?]

    /// A command running `executable` with the arguments `arguments` builds.
    public init(
        executable: String, environment: [String: String?] = [:],
        arguments: @escaping @Sendable (WorkerLaunch) -> [String] = WorkerCommand.standardArguments
    ) {
        self.executable = executable
        self.environment = environment
        self.arguments = arguments
    }

    /// `worker --config <path> --queue <name> --worker-id <id>`, then `--redis <url>` for the embedded Redis.
    @Sendable
    public static func standardArguments(_ launch: WorkerLaunch) -> [String] {
        var arguments = ["worker", "--config", launch.configPath, "--queue", launch.queue, "--worker-id", launch.workerID]
        if let url = launch.redisURL { arguments += ["--redis", url] }
        return arguments
    }

    /// The standard command, re-executing the running binary (``ExecutablePath/current()``).
    public static func currentExecutable() throws(SupervisorError) -> WorkerCommand {
        WorkerCommand(executable: try ExecutablePath.current())
    }

    /// The spawn options for one launch, given the supervisor's environment.
    public func spawnOptions(for launch: WorkerLaunch, environment base: [String]) -> SpawnOptions {
        SpawnOptions(
            executable: executable, arguments: arguments(launch),
            environment: Self.environment(base, for: launch, changes: environment))
    }

    /// The worker's environment: `base` without systemd's notify variables, with the worker's identity
    /// and then `changes` applied.
    public static func environment(_ base: [String], for launch: WorkerLaunch, changes: [String: String?] = [:]) -> [String] {
        var standard: [String: String?] = [
            supervisorPIDVariable: String(launch.supervisorPID), workerIDVariable: launch.workerID,
        ]
        for name in SystemdNotifier.environmentNames { standard[name] = .some(nil) }
        return ProcessEnvironment.updating(ProcessEnvironment.updating(base, with: standard), with: changes)
    }
}
