import BullpenProcess
import BullpenRedis
import Dispatch
import FoundationEssentials
import Glibc
import Synchronization

/// What one worker process runs: a queue, its handler, and how.
public struct WorkerProcessOptions: Sendable {
    /// The queue.
    public var queue: Queue
    /// The handler for its jobs.
    public var handler: any JobHandler
    /// The worker's configuration.
    public var worker: WorkerConfiguration
    /// How long running jobs may finish after SIGTERM before they are handed back.
    public var stopTimeout: Duration
    /// Times the supervisor restarted this slot (shown by `bullpen status`).
    public var restarts: Int
    /// How often the heartbeat is written (it expires after three intervals).
    public var heartbeatInterval: Duration

    /// Creates options.
    public init(queue: Queue, handler: any JobHandler, worker: WorkerConfiguration, stopTimeout: Duration = .seconds(30),
                restarts: Int = 0, heartbeatInterval: Duration = .seconds(10)) {
        self.queue = queue
        self.handler = handler
        self.worker = worker
        self.stopTimeout = stopTimeout
        self.restarts = restarts
        self.heartbeatInterval = heartbeatInterval
    }
}

/// The body of `bullpen worker`: one worker for one queue, driven by signals.
///
/// | signal | effect |
/// |---|---|
/// | TERM, INT | stop taking jobs; running jobs get `stopTimeout`, then go back to the queue; exit 0. A second one stops at once. |
/// | TSTP | quiet: stop taking jobs, keep running ones |
///
/// Under a supervisor (`BULLPEN_SUPERVISOR_PID` set) the process dies with it: parent death raises SIGTERM,
/// and a worker whose parent is gone hands its jobs back at once instead of waiting for them.
public enum WorkerProcess {
    /// The environment variable naming the supervisor's pid.
    public static let supervisorVariable = "BULLPEN_SUPERVISOR_PID"

    /// Runs the worker until it is stopped; returns the exit status (0).
    public static func run(_ options: WorkerProcessOptions, log: @escaping @Sendable (String) -> Void) async -> Int32 {
        let supervisor = ProcessInfo.processInfo.environment[supervisorVariable].flatMap { pid_t($0) }
        if let supervisor {
            do {
                guard try ParentDeath.arm(signal: SIGTERM, expectedParent: supervisor) else { return 0 }
            } catch {
                log("warning: unable to tie this worker to its supervisor: \(error)")
            }
        }
        let name = "\(options.queue.name) worker \(options.worker.workerID)"
        let worker = Worker(queue: options.queue, handler: options.handler, configuration: options.worker) { event in
            switch event {
            case .error(let message): log("warning: \(name): \(message)")
            case .refused(let job): log("warning: \(name): result of job \(job.id) refused: its lease was lost")
            default: break
            }
        }
        let stops = Mutex(0)
        let signals = SignalHandlers { signal in
            if signal == SIGTSTP {
                log("info: \(name): quiet (SIGTSTP): no new jobs")
                Task { await worker.quiet() }
                return
            }
            let count = stops.withLock { $0 += 1; return $0 }
            // An orphan (its supervisor is gone) or a second signal: hand jobs back now.
            let orphaned = supervisor.map { getppid() != $0 } ?? false
            let deadline = count > 1 || orphaned ? Duration.zero : options.stopTimeout
            log("info: \(name): stopping (\(SignalName.of(signal) ?? "signal \(signal)")); running jobs get \(Worker.describe(deadline))")
            Task { await worker.close(deadline: deadline) }
        }
        let statusClient = RedisClient(options.queue.redis.configuration, reconnect: .forever)
        let heartbeat = Task { await beat(worker, options, supervisor, on: statusClient) }
        await worker.run()
        // Wait for a close in progress to hand back what it cancelled.
        while stops.withLock({ $0 }) > 0, !worker.isClosed { try? await Task.sleep(for: .milliseconds(20)) }
        heartbeat.cancel()
        try? await WorkerStatus.retract(prefix: options.queue.settings.prefix, id: options.worker.workerID, on: statusClient)
        withExtendedLifetime(signals) {}
        return 0
    }

    private static func beat(_ worker: Worker, _ options: WorkerProcessOptions, _ supervisor: pid_t?, on client: RedisClient) async {
        let started = Int64(Date().timeIntervalSince1970 * 1000)
        let host = ProcessInfo.processInfo.hostName
        while !Task.isCancelled {
            let (finished, failed) = worker.processed
            let status = WorkerStatus(
                id: options.worker.workerID, queue: options.queue.name, pid: getpid(), host: host, supervisorPID: supervisor,
                state: worker.isQuiet ? "quiet" : "running", finished: finished, failed: failed, running: worker.runningJobIDs,
                rss: (try? ProcessStats.residentBytes(pid: getpid())) ?? 0, startedAt: started, restarts: options.restarts,
                updatedAt: Int64(Date().timeIntervalSince1970 * 1000))
            try? await status.publish(prefix: options.queue.settings.prefix, ttl: options.heartbeatInterval * 3, on: client)
            try? await Task.sleep(for: options.heartbeatInterval)
        }
    }
}

/// Delivers TERM, INT and TSTP to a handler through dispatch sources instead of their default actions.
final class SignalHandlers {
    private let sources: [any DispatchSourceSignal]

    init(_ handler: @escaping @Sendable (Int32) -> Void) {
        sources = [SIGTERM, SIGINT, SIGTSTP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }

    deinit { for source in sources { source.cancel() } }
}
