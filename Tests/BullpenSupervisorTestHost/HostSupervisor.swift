import BullpenProcess
import BullpenSupervisor
import BullpenTopology
import Glibc

/// The `supervise` mode: a real `Supervisor` whose workers are this binary's `worker` mode.
enum HostSupervisor {
    static func run(arguments: [String]) -> Int32 {
        guard let topology = arguments.first, let events = option("--events", in: arguments) else {
            SupervisorLog().fatal("usage: supervise <topology> --events <file> [options]")
            return SupervisorExitCode.usage
        }
        let executable: String
        do {
            executable = try ExecutablePath.current()
        } catch {
            SupervisorLog().fatal(error.description)
            return SupervisorExitCode.internalError
        }
        var timing = SupervisorTiming()
        timing.tick = duration("--tick", in: arguments) ?? .milliseconds(50)
        timing.startWindow = duration("--start-window", in: arguments) ?? .milliseconds(300)
        timing.memoryCheckInterval = duration("--memory-check", in: arguments) ?? .seconds(5)
        timing.retryInterval = .milliseconds(200)
        timing.redisStopTimeout = .seconds(10)
        let recorder = EventRecorder(path: events)
        let configuration = SupervisorConfiguration(
            topologyPath: topology,
            workerCommand: WorkerCommand(executable: executable, environment: [EventRecorder.variable: events]),
            embeddedRedis: EmbeddedRedisLauncher(trampoline: executable),
            exitObserver: RecordingObserver(
                recorder: recorder, failures: Int(option("--observer-failures", in: arguments) ?? "") ?? 0),
            statusPublisher: RecordingPublisher(recorder: recorder),
            startupCheck: RecordingCheck(recorder: recorder, fails: arguments.contains("--failing-check")),
            timing: timing)
        return Supervisor(configuration: configuration).run()
    }

    static func option(_ name: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    private static func duration(_ name: String, in arguments: [String]) -> Duration? {
        option(name, in: arguments).flatMap { try? DurationText.parse($0) }
    }
}
