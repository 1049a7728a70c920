import BullpenCore
import BullpenProcess
import Foundation

extension Drain {
    /// What one drain run measured.
    struct Run: Sendable {
        /// The jobs meant to be running at the signal (id and milliseconds of work), and the ones meant
        /// to be waiting behind them.
        var running: [(id: String, ms: Int)]
        var waiting: [String]
        /// When SIGTERM was sent, in ledger time (ms since 1970).
        var signalAt: Int64
        /// The supervisor's exit status (nil: still running at the end of the wait) and when it came.
        var exit: TerminationStatus?
        var exitAfter: Duration
        /// The ledger after the run, this run's queue only.
        var ledger: Ledger
        /// The supervisor's log.
        var log: String

        /// Each running job's first start.
        var starts: [String: LedgerEntry] {
            Dictionary(ledger.entries(.started).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }

        /// Starts after the signal (none may exist).
        var lateStarts: [LedgerEntry] { ledger.entries(.started).filter { $0.time > signalAt } }
    }

    /// Whether a job ends inside the drain window: it fits when its work ends `margin` before the window
    /// closes, overruns when it ends `margin` after; in between it may go either way (clock reading,
    /// signal delivery and timer slack are a few milliseconds, the margin covers them many times).
    enum Fit: Sendable {
        case fits, overruns, boundary
    }

    static let margin: Int64 = 250

    /// Classifies each running job by its start in the ledger and its work.
    static func fits(_ run: Run, stopTimeoutMs: Int64) -> [String: Fit] {
        let starts = run.starts
        let windowEnd = run.signalAt + stopTimeoutMs
        var fits: [String: Fit] = [:]
        for job in run.running {
            guard let start = starts[job.id] else { continue }
            let end = start.time + Int64(job.ms)
            fits[job.id] = end <= windowEnd - margin ? .fits : end >= windowEnd + margin ? .overruns : .boundary
        }
        return fits
    }

    /// One drain: the jobs added (the longest first, so the shortest start last and none ends before the
    /// signal), a supervisor started on `queue`, SIGTERM once every running job started, Redis stopped
    /// right after it when `redisDown`, and the supervisor's exit awaited.
    static func drainOnce(_ size: Size, queue queueName: String, redisDown: Bool, in world: BatteryWorld) async throws -> Run {
        let config = try world.writeTopology(
            queues: "  \(queueName): { processes: \(size.processes), concurrency: \(size.running / size.processes), lease: \(lease) }",
            settings: "stop_timeout: \(size.stopTimeout.components.seconds)s", file: "\(queueName).yaml")
        let step = (size.maxMs - size.minMs) / max(1, size.running - 1)
        let running = (0..<size.running).map { (id: "\(queueName)-run-\($0)", ms: size.maxMs - $0 * step) }
        let waiting = (0..<size.waiting).map { "\(queueName)-wait-\($0)" }
        let queue = try world.queue(queueName)
        try await world.addJobs(to: queue, ids: running.map(\.id)) { BatteryWork(ms: running[$0].ms) }
        try await world.addJobs(to: queue, ids: waiting) { _ in BatteryWork(ms: 100) }

        let supervisor = try world.startSupervisor(config: config, log: "supervisor-\(queueName).log")
        _ = try await world.waitForWorkers(of: supervisor, count: size.processes)
        let allRunning = await Poll.until(timeout: .seconds(20), every: .milliseconds(5)) {
            world.ledger.entries(.started).filter { $0.queue == queueName }.count >= size.running
        }
        guard allRunning else { throw BatteryError(.timeout, "\(size.running) jobs of \(queueName) were not all running within 20 s") }

        let signalAt = BatteryWorld.now()
        let signalled = ContinuousClock.now
        supervisor.signal(SIGTERM)
        if redisDown { await world.stopRedis(signal: SIGKILL) }
        let exit = await supervisor.waitForExit(timeout: size.stopTimeout + .seconds(10))
        let exitAfter = signalled.duration(to: .now)
        if redisDown { try await world.restartRedis() }
        let ledger = Ledger(entries: world.ledger.entries.filter { $0.queue == queueName })
        return Run(running: running, waiting: waiting, signalAt: signalAt, exit: exit, exitAfter: exitAfter,
                   ledger: ledger, log: supervisor.log)
    }
}
