import ArgumentParser
import BullpenProcess
import BullpenSupervisor
import Foundation

/// `bullpen supervise`: runs the topology's worker processes (and the embedded Redis) until drained.
///
/// The supervisor owns the process: it blocks its signals before any other thread exists and runs on the
/// main thread, so `Bullpen.main` routes this command before anything async starts
/// (`SuperviseCommand.runOnMainThread`). Reaching `run()` means that did not happen.
struct SuperviseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supervise",
        abstract: "Run the worker processes of a topology: restarts, drain, reload, rolling restart.",
        discussion: """
            Signals: TERM/INT drain (workers stop taking jobs, running jobs get stop_timeout, then SIGKILL; \
            a second TERM/INT stops at once); HUP reloads the topology and applies only the difference; \
            USR2 replaces every worker, one slot at a time per queue. Under systemd (Type=notify) it sends \
            READY=1, RELOADING=1, STOPPING=1, STATUS= and WATCHDOG=1.

            Exit codes: 0 after a drain, 64 usage, 75 Redis unreachable at start, 78 invalid topology.

            Examples:
              bullpen supervise --config etc/bullpen.yaml
              systemctl reload bullpen     # SIGHUP
            """)

    @Option(help: "The topology file.")
    var config: String = "etc/bullpen.yaml"

    func run() throws {
        throw CLIError(.usage, "supervise must be the command itself (bullpen supervise --config FILE)")
    }

    /// Parses the arguments after `supervise`, then blocks the supervisor's signals and runs it on this
    /// (the main) thread. Returns the exit code.
    @MainActor
    static func runOnMainThread(arguments: [String]) -> Int32 {
        let command: SuperviseCommand
        do {
            command = try SuperviseCommand.parse(arguments)
        } catch {
            let message = SuperviseCommand.fullMessage(for: error)
            let code = SuperviseCommand.exitCode(for: error)
            if code == .success { print(message) } else { StandardError.line(message) }
            return code.rawValue
        }
        do {
            try Supervisor.prepareSignals()
            var configuration = try SupervisorConfiguration.standard(topologyPath: command.config)
            let hooks = RedisSupervision()
            configuration.exitObserver = hooks
            configuration.startupCheck = hooks
            configuration.statusPublisher = hooks
            return Supervisor(configuration: configuration).run()
        } catch {
            StandardError.line("bullpen: fatal: \(error)")
            return BullpenExitCode.usage.rawValue
        }
    }
}
