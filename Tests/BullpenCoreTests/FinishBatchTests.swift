@testable import BullpenCore
import BullpenRedis
import BullpenTestSupport
import Testing

/// Finishes that slots send at the same time travel as one script call (finish.lua takes a batch), and
/// each slot still gets its own outcome and its own next job.
@Suite(.timeLimit(.minutes(1))) struct FinishBatchTests {
    @Test func concurrentFinishesShareScriptRunsAndEachGetsItsOwnResult() async throws {
        let server = try RedisServer()
        let queue = try Queue("q", redis: RedisPool(server.configuration, size: 1))
        try await queue.addBulk((0..<40).map { NewJob("job-\($0)") })
        let client = RedisClient(server.configuration)
        var first: [ActiveJob] = []
        for _ in 0..<20 { first.append(try #require(try await queue.take(TakeRequest(workerID: "w")).active)) }
        _ = try await client.send(["CONFIG", "RESETSTAT"])
        // Twenty slots finish at once, each taking its next job; one finish is refused (a stale token).
        let results = try await withThrowingTaskGroup(of: (String, FinishStatus, String?).self) { group in
            for (index, active) in first.enumerated() {
                var active = active
                if index == 7 { active.lease.token = Lease.newToken() }
                group.addTask {
                    let (status, next) = try await queue.finish(
                        active, .completed(returnValue: "\(index)"), takingNext: TakeRequest(workerID: "w"), on: client)
                    return (active.job.id, status, next?.active?.job.id)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { $0.1 == .completed }.count == 19)
        #expect(results.filter { $0.1 == .stale }.map(\.0) == [first[7].job.id])
        // Every slot got a job of its own: the 20 not yet taken.
        let next = results.compactMap(\.2)
        #expect(Set(next).count == 20)
        #expect(Set(next).isDisjoint(with: first.map(\.job.id)))
        let stats = try await client.send(["INFO", "commandstats"]).string ?? ""
        let line = stats.split(whereSeparator: \.isNewline).first { $0.hasPrefix("cmdstat_evalsha:") } ?? ""
        let calls = Int(line.split(separator: "=")[1].prefix { $0.isNumber }) ?? 0
        #expect(calls > 0 && calls < 20, "\(calls) EVALSHA calls for 20 finishes")
        for (index, active) in first.enumerated() where index != 7 {
            #expect(try await queue.job(active.job.id)?.returnValue == "\(index)")
        }
    }

    /// A finish that raises an error inside a batch answers that error, and the others of the batch still
    /// run (each runs in a `pcall`).
    @Test func aFinishThatFailsInABatchDoesNotStopTheOthers() async throws {
        let queue = try makeQueue()
        try await queue.addBulk([NewJob("a"), NewJob("b")])
        let jobs = try await queue.takeAll()
        // Two finishes in one call: the first fails with a retry delay that is not a number.
        func group(_ active: ActiveJob, delay: String) -> [String] {
            ["7", active.job.id, active.lease.token, "failed", "boom", "", delay, "0"]
        }
        let settings = queue.settingsArguments
        let call = RedisScriptCall(
            QueueScripts.finish, keys: queue.keys.scriptKeys,
            arguments: settings + group(jobs[0], delay: "soon") + group(jobs[1], delay: "-1"))
        let reply = try await queue.redis.client().run(call)
        let parts = try #require(reply.array)
        #expect(parts.count == 2)
        #expect(parts[0].errorMessage != nil)
        #expect(parts[1] == .array([.bulk(Array("failed".utf8))]))
        #expect(try await queue.job(jobs[1].job.id)?.state == .failed)
    }
}
