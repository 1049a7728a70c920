import BullpenCore
import BullpenProcess
import Foundation

/// Scenario 4: SIGTERM to a supervisor whose workers run many jobs of different lengths. No job may be
/// taken after the signal, the jobs that fit in `stop_timeout` complete, the others go back to their
/// queue with their attempts unchanged, and the supervisor exits 0 within `stop_timeout` + 2 s. Then the
/// same with Redis stopped right after the signal: the supervisor still exits 0 in time, and once Redis
/// is back no job is lost.
public struct Drain: Scenario {
    public let name = "drain"
    public let summary = "SIGTERM to a busy supervisor (and again with Redis down): no new job, the window honoured, nothing lost"

    struct Size {
        var running: Int, waiting: Int, minMs: Int, maxMs: Int, processes: Int, stopTimeout: Duration
    }

    static func size(_ scale: BatteryScale) -> Size {
        switch scale {
        case .short: Size(running: 20, waiting: 10, minMs: 500, maxMs: 4_000, processes: 2, stopTimeout: .seconds(2))
        case .long: Size(running: 100, waiting: 50, minMs: 1_000, maxMs: 10_000, processes: 4, stopTimeout: .seconds(5))
        }
    }

    /// Shortened from 30 s for the run with Redis down: the jobs its workers held come back when their
    /// leases expire (nobody could hand them back), and the scenario waits for that.
    static let lease = "2s"

    public init() {}

    public func run(in world: BatteryWorld, scale: BatteryScale) async throws -> ScenarioReport {
        let size = Self.size(scale)
        var report = ScenarioReport(scenario: name)
        try world.startRedis()
        let stopMs = Int64(size.stopTimeout.inMilliseconds)
        let exitLimit = size.stopTimeout + .seconds(2)
        report.figure("jobs", "\(size.running) running (\(size.minMs)-\(size.maxMs) ms) + \(size.waiting) waiting, \(size.processes) processes x concurrency \(size.running / size.processes), stop_timeout \(size.stopTimeout.components.seconds) s, lease \(Self.lease)")

        // 1. Redis up: every outcome is read back from Redis.
        let up = try await Self.drainOnce(size, queue: "alpha", redisDown: false, in: world)
        let queue = try world.queue("alpha")
        let fits = Self.fits(up, stopTimeoutMs: stopMs)
        var jobs: [String: Job] = [:]
        for id in up.running.map(\.id) + up.waiting { jobs[id] = try await queue.job(id) }
        let completed = jobs.values.filter { $0.state == .completed && $0.attemptsMade == 1 }.map(\.id)
        let back = jobs.values.filter { $0.state == .waiting && $0.attemptsMade == 0 && $0.crashes == 0 }.map(\.id)
        let fitting = fits.filter { $0.value == .fits }.map(\.key)
        let overrunning = fits.filter { $0.value == .overruns }.map(\.key)
        let boundary = fits.filter { $0.value == .boundary }.map(\.key)
        let fitNotDone = fitting.filter { !completed.contains($0) }
        let restNotBack = (overrunning + up.waiting).filter { !back.contains($0) }
            + boundary.filter { !completed.contains($0) && !back.contains($0) }
        report.figure("drain", "\(fitting.count) jobs fit the window, \(overrunning.count) overrun it, \(boundary.count) within \(Self.margin) ms of its end; \(completed.count) completed, \(back.count) back in the queue")
        report.figure("supervisor exit", "\(up.exit.map { "\($0)" } ?? "still running") after \(Int(up.exitAfter.inMilliseconds)) ms")
        Self.checkTaking(up, into: &report, suffix: "")
        report.check("jobs that fit the window complete", fitNotDone.isEmpty && up.starts.count == size.running,
                     fitNotDone.isEmpty ? "\(fitting.count) of \(fitting.count) completed (attemptsMade 1)" : "not completed: \(fitNotDone.sorted().prefix(5)) (\(jobs[fitNotDone[0]].map { "\($0.state.rawValue), attemptsMade \($0.attemptsMade)" } ?? "missing"))")
        report.check("the rest are back in their queue with unchanged attempts", restNotBack.isEmpty,
                     restNotBack.isEmpty ? "\(back.count) waiting with attemptsMade 0 and no crash"
                         : "not back: \(restNotBack.sorted().prefix(5)) (\(jobs[restNotBack[0]].map { "\($0.state.rawValue), attemptsMade \($0.attemptsMade), crashes \($0.crashes)" } ?? "missing"))")
        Self.checkExit(up, limit: exitLimit, into: &report, suffix: "")

        // 2. Redis stopped right after the signal: nothing can be reported until it is back.
        let down = try await Self.drainOnce(size, queue: "beta", redisDown: true, in: world)
        let fitsDown = Self.fits(down, stopTimeoutMs: stopMs)
        let ranToEnd = Set(down.ledger.entries(.done).map(\.id))
        let fitNotRun = fitsDown.filter { $0.value == .fits && !ranToEnd.contains($0.key) }.map(\.key)
        report.figure("supervisor exit (Redis down)", "\(down.exit.map { "\($0)" } ?? "still running") after \(Int(down.exitAfter.inMilliseconds)) ms")
        // With Redis gone neither a worker nor the supervisor can hand a job back: the log says what each did.
        let killed = down.log.components(separatedBy: "was killed at its stop deadline").count - 1
        let lostReports = down.log.components(separatedBy: "lost the exit report").count - 1
        report.figure("drain with Redis down", "\(killed) of \(size.processes) workers SIGKILLed at stop_timeout + 1 s (hand-back waits for Redis), \(lostReports) exit reports lost with Redis: their jobs wait for their leases")
        Self.checkTaking(down, into: &report, suffix: " (Redis down)")
        report.check("jobs that fit the window run to their end (Redis down)", fitNotRun.isEmpty && down.starts.count == size.running,
                     "\(fitsDown.filter { $0.value == .fits }.count - fitNotRun.count) of \(fitsDown.filter { $0.value == .fits }.count) ran to their end (their results could not reach Redis)")
        Self.checkExit(down, limit: exitLimit, into: &report, suffix: " (Redis down)")
        try await Self.checkRecovery(down, in: world, into: &report)
        return report
    }

    /// No start after the signal, and the waiting jobs were never taken.
    static func checkTaking(_ run: Run, into report: inout ScenarioReport, suffix: String) {
        let late = run.lateStarts
        let waitingTaken = run.ledger.entries(.started).filter { run.waiting.contains($0.id) }
        report.check("no job taken after the signal\(suffix)", late.isEmpty && waitingTaken.isEmpty,
                     late.isEmpty ? "0 starts after SIGTERM, \(run.waiting.count) waiting jobs never taken"
                         : "\(late.count) starts after SIGTERM, first \(late[0].id) \(late[0].time - run.signalAt) ms after")
    }

    /// Exit 0 within the limit.
    static func checkExit(_ run: Run, limit: Duration, into report: inout ScenarioReport, suffix: String) {
        report.check("the supervisor exits 0 within stop_timeout + 2 s\(suffix)", run.exit == .exited(code: 0) && run.exitAfter <= limit,
                     "\(run.exit.map { "\($0)" } ?? "still running") after \(Int(run.exitAfter.inMilliseconds)) ms (limit \(Int(limit.inMilliseconds)) ms)")
    }
}
