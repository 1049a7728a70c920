import BullpenCore
import BullpenRedis
import Foundation

/// Scenario 3: a worker is stopped with SIGSTOP for twice its lease while it runs a job, then continued.
/// The job must run again in another worker, the stale result of the first run must be refused, and the
/// job must complete exactly once.
public struct HungWorker: Scenario {
    public let name = "hung-worker"
    public let summary = "a worker SIGSTOPped for twice its lease mid-job: the job runs elsewhere, the stale result is refused"

    /// The lease is shortened from its 30 s default so the scenario runs in seconds; the stall check
    /// runs at its shortest (1 s). The stop lasts twice the lease, as the issue says. Another worker
    /// returns the job at the latest a lease plus a stall-check period (renewals every third of the
    /// lease, checks every 1 s rounded up to renewals) after the stop: 3 s + 1 s leaves 2 s of the
    /// 6 s stop for that worker to take it, a margin a loaded machine does not eat.
    static let lease = Duration.seconds(3)
    static let stalledInterval = "1s"
    /// The job outlasts neither the stop (its first run ends while its worker is stopped, so a stale
    /// result is ready the moment the worker continues) nor the stop plus its rerun by much.
    static let jobMs = 4_000
    static let jobID = "hung-1"

    public init() {}

    public func run(in world: BatteryWorld, scale: BatteryScale) async throws -> ScenarioReport {
        // One job, one fault: the long form is the short form.
        var report = ScenarioReport(scenario: name)
        try world.startRedis()
        let config = try world.writeTopology(
            queues: "  alpha: { processes: 2, concurrency: 1, lease: \(Self.lease.components.seconds)s, stalled_interval: \(Self.stalledInterval) }")
        let supervisor = try world.startSupervisor(config: config)
        let workers = try await world.waitForWorkers(of: supervisor, count: 2)
        let queue = try world.queue("alpha")
        try await world.addJobs(to: queue, ids: [Self.jobID]) { _ in BatteryWork(ms: Self.jobMs) }

        // The first run: stop its worker as soon as the ledger shows it started.
        var firstStart: LedgerEntry?
        _ = await Poll.until(timeout: .seconds(10), every: .milliseconds(5)) {
            firstStart = world.ledger.entries(.started).first { $0.id == Self.jobID }
            return firstStart != nil
        }
        guard let firstStart, let hung = workers.first(where: { $0.pid == firstStart.pid }) else {
            throw BatteryError(.timeout, "job \(Self.jobID) did not start in a worker of the supervisor within 10 s")
        }
        kill(hung.pid, SIGSTOP)
        let stopped = await Poll.until(timeout: .seconds(1), every: .milliseconds(5)) { ProcessTable.entry(pid: hung.pid)?.state == "T" }
        let stoppedAt = BatteryWorld.now()
        // The fault lasts twice the lease: the sleep is the injected hang, not a wait for a condition.
        try await Task.sleep(for: Self.lease * 2)
        let rerunDuringStop = world.ledger.entries(.started).first { $0.id == Self.jobID && $0.pid != hung.pid }
        let aliveAtContinue = ProcessTable.isAlive(hung.pid)
        kill(hung.pid, SIGCONT)
        let continuedAt = BatteryWorld.now()

        // The rerun completes, and the continued worker reports its refused result.
        let refusal = "\(hung.workerID): result of job \(Self.jobID) refused"
        var job: Job?
        let settled = await Poll.until(timeout: .seconds(15), every: .milliseconds(20)) {
            job = try? await queue.job(Self.jobID)
            return job?.state == .completed && supervisor.log.contains(refusal)
        }
        let ledger = world.ledger
        let starts = ledger.entries(.started).filter { $0.id == Self.jobID }
        let firstRunDone = ledger.entries(.done).contains { $0.id == Self.jobID && $0.pid == hung.pid }
        let firstRunCancelled = ledger.entries(.cancelled).contains { $0.id == Self.jobID && $0.pid == hung.pid }
        let rerun = starts.first { $0.pid != hung.pid }
        let returned = job?.returnValue.flatMap { try? JSONDecoder().decode(BatteryResult.self, from: Data($0.utf8)) }
        let completions = try await Self.completedEvents(of: Self.jobID, in: world, queue: "alpha")
        let inCompleted = try await world.ids(in: \.completed, of: "alpha").filter { $0 == Self.jobID }.count
        let finalWorkers = Set(supervisor.workers.map(\.pid))

        report.figure("lease / stalled_interval", "\(Self.lease.components.seconds) s / \(Self.stalledInterval) (shortened from 30 s so the scenario runs in seconds)")
        report.figure("stop", "SIGSTOP \(stopped ? "took effect" : "NOT seen in /proc") on pid \(hung.pid) for \(continuedAt - stoppedAt) ms (job of \(Self.jobMs) ms)")
        report.figure("rerun started", rerun.map { "\($0.time - stoppedAt) ms after the stop, in pid \($0.pid)\(rerunDuringStop == nil ? "" : ", while the first worker was stopped")" } ?? "never")
        report.figure("first run", firstRunDone ? "ran to its end (ledger done line), its result reported late"
            : firstRunCancelled ? "cancelled when its worker saw the lease lost" : "no done or cancel line")
        report.figure("supervisor and the stopped worker",
                      aliveAtContinue && finalWorkers.contains(hung.pid)
                          ? "left it alone: pid \(hung.pid) stopped \(continuedAt - stoppedAt) ms, not killed, not replaced (the supervisor watches exits, not heartbeats)"
                          : "pid \(hung.pid) \(aliveAtContinue ? "alive at SIGCONT" : "gone before SIGCONT"), workers now \(finalWorkers.sorted())")
        report.check("the job runs again in another worker", rerun != nil && rerunDuringStop != nil,
                     rerun.map { "started again in pid \($0.pid) (first run in pid \(hung.pid))" } ?? "ran only in pid \(hung.pid)")
        report.check("the stale result is refused", settled && returned?.pid == rerun?.pid && rerun != nil,
                     "return value names pid \(returned.map { String($0.pid) } ?? "none") (rerun in \(rerun.map { String($0.pid) } ?? "none")); refusal \(supervisor.log.contains(refusal) ? "logged" : "NOT logged") by \(hung.workerID)")
        report.check("the job completes exactly once", job?.state == .completed && job?.attemptsMade == 1 && completions == 1 && inCompleted == 1,
                     "state \(job?.state.rawValue ?? "missing"), attemptsMade \(job?.attemptsMade ?? 0), \(completions) completed events, \(inCompleted) in the completed set")
        return report
    }

    /// How many `completed` events the queue's event stream holds for `id`: every accepted completion
    /// writes one, so two would mean the job was finished twice.
    static func completedEvents(of id: String, in world: BatteryWorld, queue: String) async throws -> Int {
        try await world.queue(queue).events(count: 100_000).filter { $0.name == "completed" && $0.jobID == id }.count
    }
}
