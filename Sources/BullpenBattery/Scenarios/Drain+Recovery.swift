import BullpenCore
import Foundation

extension Drain {
    /// After the drain with Redis down and Redis back on its AOF: every job of the run must still exist
    /// and be completed, waiting, or active under a lease that a stall check returns once it expires. The
    /// check runs the stall check every live worker runs (`recoverStalled` with the default
    /// `max_stalled` of 1) until no job is active, then requires each job to be completed or waiting
    /// with no attempt used, and none failed or dead-lettered.
    static func checkRecovery(_ run: Run, in world: BatteryWorld, into report: inout ScenarioReport) async throws {
        let queue = try world.queue("beta")
        let ids = run.running.map(\.id) + run.waiting
        var before: [String: JobState] = [:]
        for id in ids { before[id] = try await queue.job(id)?.state }
        let backAt = ContinuousClock.now
        var returned = 0
        let settled = await Poll.until(timeout: .seconds(15), every: .milliseconds(200)) {
            returned += (try? await queue.recoverStalled(maxStalls: 1).returned) ?? 0
            return (try? await queue.counts().active) == 0
        }
        let recoveredAfter = backAt.duration(to: .now)
        var jobs: [String: Job] = [:]
        for id in ids { jobs[id] = try await queue.job(id) }
        let counts = try await queue.counts()
        let missing = ids.filter { jobs[$0] == nil }
        let unfit = ids.filter { id in
            guard let job = jobs[id] else { return false }
            return !(job.state == .completed || job.state == .waiting && job.attemptsMade == 0)
        }
        func count(_ state: JobState) -> Int { before.values.filter { $0 == state }.count }
        report.figure("after Redis came back",
                      "\(count(.completed)) completed, \(count(.active)) active (leases of the killed workers), \(count(.waiting)) waiting, \(ids.count - before.count) missing; the stall check returned \(returned) in \(Int(recoveredAfter.inMilliseconds)) ms")
        report.check("nothing lost once Redis is back (Redis down)",
                     settled && missing.isEmpty && unfit.isEmpty && counts.failed == 0 && counts.deadLetter == 0,
                     missing.isEmpty && unfit.isEmpty
                         ? "all \(ids.count) jobs completed or back in the queue with attemptsMade 0 (\(counts.failed) failed, \(counts.deadLetter) dead-lettered)"
                         : "missing \(missing.prefix(5)), not recoverable \(unfit.prefix(5).map { "\($0): \(jobs[$0].map { "\($0.state.rawValue) attemptsMade \($0.attemptsMade)" } ?? "?")" })")
    }
}
