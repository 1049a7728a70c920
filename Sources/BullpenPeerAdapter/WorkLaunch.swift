import BullpenProcess
import Glibc

/// `work`: one worker launch. Spawns `--processes` children of this binary (`work-child`), forwards
/// SIGTERM and SIGINT to them, and exits once they are gone (SIGKILL after `killAfter`).
///
/// It runs on the main thread with its signals blocked before any other thread exists, and waits for them
/// with `sigtimedwait`: the children's parent-death signal is tied to the thread that spawned them, which
/// is the main thread, alive until the process ends.
enum WorkLaunch {
    /// How long children may take to stop before SIGKILL (the driver kills the group after 15 s).
    static let killAfter = Duration.seconds(12)

    /// Runs the launch; returns the exit status (0 after a requested stop, 1 when a child failed).
    static func runOnMainThread(arguments: [String]) -> Int32 {
        let signals: SignalSet = [SIGTERM, SIGINT, SIGCHLD]
        do {
            try Signals.block(signals)
            let options = try WorkOptions(arguments, command: "work")
            var children = try spawnChildren(options)
            return try supervise(&children, waiter: SignalWaiter(signals))
        } catch {
            AdapterOutput.error(error)
            return 1
        }
    }

    private static func spawnChildren(_ options: WorkOptions) throws(AdapterError) -> [pid_t: ChildProcess] {
        let environment = ProcessEnvironment.updating(
            ProcessEnvironment.current(), with: [BenchEnvironment.parentVariable: String(getpid())])
        let spawn = SpawnOptions(
            executable: "/proc/self/exe", arguments: options.childArguments,
            argumentZero: CommandLine.arguments.first, environment: environment)
        var children: [pid_t: ChildProcess] = [:]
        for _ in 0..<options.processes {
            do {
                let child = try ChildProcess.spawn(spawn)
                children[child.pid] = child
            } catch {
                // Children already started see their parent die and stop with it.
                throw AdapterError(.process, "unable to start worker process \(children.count + 1) of \(options.processes): \(error)")
            }
        }
        return children
    }

    /// Waits for signals until every child is gone. A child that ends before a stop was asked for stops the
    /// whole launch (exit 1), so a crash shows up in the driver instead of silently halving the workers.
    private static func supervise(_ children: inout [pid_t: ChildProcess], waiter: SignalWaiter) throws(ProcessError) -> Int32 {
        let clock = ContinuousClock()
        var killAt: ContinuousClock.Instant?
        var status: Int32 = 0
        func stop(_ reason: String) {
            guard killAt == nil else { return }
            killAt = clock.now + killAfter
            for child in children.values { try? child.send(signal: SIGTERM) }
            if status != 0 { AdapterOutput.note(reason) }
        }
        while !children.isEmpty {
            let signal = try waiter.wait(timeout: killAt.map { max(.zero, clock.now.duration(to: $0)) })
            switch signal {
            case SIGCHLD?:
                for reaped in Reaper.reapAny() where children.removeValue(forKey: reaped.pid) != nil {
                    if killAt == nil {
                        status = 1
                        stop("worker process \(reaped.pid) ended (\(reaped.status)) before a stop was asked; stopping the others")
                    }
                }
            case nil:
                // The children had their time: kill what is left and reap it.
                for child in children.values {
                    try? child.send(signal: SIGKILL)
                    _ = try? child.wait()
                }
                children.removeAll()
            default:
                stop("stopping")
            }
        }
        return status
    }
}
