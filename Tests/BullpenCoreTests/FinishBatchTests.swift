@testable import BullpenCore
@testable import BullpenRedis
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
            ["7", active.job.id, active.lease.token, "failed", "boom", "", delay, ""]
        }
        let settings = queue.settingsArguments + TakeRequest.noTakeArguments
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

    /// One call mixing every kind of finish: completions under live leases (run together), the same
    /// completion twice, a stale token and a failure to retry (run one by one), each taking its next job
    /// with fewer jobs waiting than finishes asking. Each gets its own status and its own next job or
    /// 'empty', and the completions' events read back one per job.
    @Test func aMixedBatchAnswersEachFinishAndSharesOutTheJobsThereAre() async throws {
        let queue = try makeQueue()
        try await queue.addBulk((0..<6).map { NewJob("job-\($0)", options: JobOptions(attempts: 3)) })
        let held = try await take(4, from: queue)
        let stale = Lease.newToken()
        let finishes = [
            finishArguments(held[0], "completed", "\"a\""),
            finishArguments(held[1], "completed", "\"b\""),
            finishArguments(held[1], "completed", "\"b\""),
            finishArguments(held[2], "completed", "\"c\"", token: "\(held[2].job.id) \(stale) 1 w1"),
            finishArguments(held[3], "failed", "boom"),
        ]
        _ = try await queue.redis.client().send(["DEL", queue.keys.events])
        let reply = try await run(queue, finishes)
        let statuses = reply.map { $0.array?.first?.string }
        #expect(statuses == ["completed", "completed", "duplicate", "stale", "retrying"])
        // Two jobs were waiting, and the retried one went back in line: three jobs for five takes.
        let taken = reply.compactMap { $0.array?.dropFirst().first?.string }
        #expect(taken.filter { $0 == "job" }.count == 3)
        #expect(taken.filter { $0 == "empty" }.count == 2)
        let nextIDs = reply.compactMap { parts -> String? in
            guard let parts = parts.array, parts.count > 2, parts[1].string == "job" else { return nil }
            return parts[2].string
        }
        let waiting = Set((1...6).map { String($0) }).subtracting(held.map(\.job.id))
        #expect(Set(nextIDs) == waiting.union([held[3].job.id]))
        #expect(try await queue.job(held[0].job.id)?.returnValue == "\"a\"")
        #expect(try await queue.job(held[1].job.id)?.attemptsMade == 1)
        #expect(try await queue.job(held[2].job.id)?.state == .active)
        let events = try await queue.events()
        let completed = events.filter { $0.name == "completed" }
        #expect(completed.map(\.jobID) == [held[0].job.id, held[1].job.id])
        #expect(completed.map { $0.fields["returnvalue"] } == ["\"a\"", "\"b\""])
        #expect(Set(completed.map(\.streamID)).count == 1, "one stream entry for the batch's completions")
        let active = events.filter { $0.name == "active" }
        #expect(Set(active.map(\.jobID)) == Set(nextIDs) && active.allSatisfy { $0.fields["worker"] == "w1" })
    }

    /// Takes that leave together share the queue's rate limit: a window with room for two jobs gives two
    /// of three finishes their next job, and the third learns when the window opens.
    @Test func takesInABatchShareTheRateLimit() async throws {
        let queue = try makeQueue()
        try await queue.addBulk((0..<6).map { NewJob("job-\($0)") })
        let held = try await take(3, from: queue)
        let limit = RateLimit(max: 2, per: .seconds(60))
        let request = TakeRequest(workerID: "w1", rateLimit: limit)
        let reply = try await run(queue, held.map { finishArguments($0, "completed", "null") }, taking: request)
        let taken = reply.map { $0.array?.dropFirst().first?.string }
        #expect(taken == ["job", "job", "limited"])
        let wait = try #require(reply[2].array?[2].int)
        #expect(wait > 55_000 && wait <= 60_000)
    }

    /// A record that does not decode fails its own finish only: the other completions of the call go
    /// through.
    @Test func aRecordThatDoesNotDecodeFailsOnlyItsOwnFinish() async throws {
        let queue = try makeQueue()
        try await queue.addBulk((0..<3).map { NewJob("job-\($0)") })
        let held = try await take(3, from: queue)
        _ = try await queue.redis.client().send(["HSET", queue.keys.jobs, held[1].job.id, "{not json"])
        let reply = try await run(queue, held.map { finishArguments($0, "completed", "null", next: false) })
        #expect(reply[0] == .array([.bulk(Array("completed".utf8))]))
        #expect(reply[1].errorMessage != nil)
        #expect(reply[2] == .array([.bulk(Array("completed".utf8))]))
        #expect(try await queue.counts().completed == 2)
    }

    /// Finishes that take their next job under different rate limits travel in separate script calls
    /// (their take settings differ), and each keeps to its own limit.
    @Test func takesOfDifferentRateLimitsKeepToTheirOwn() async throws {
        let queue = try makeQueue()
        try await queue.addBulk((0..<8).map { NewJob("job-\($0)") })
        let held = try await take(4, from: queue)
        let limited = TakeRequest(workerID: "w1", rateLimit: RateLimit(max: 1, per: .seconds(60)))
        let client = RedisClient(RedisServer.shared.configuration)
        let taken = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for (index, active) in held.enumerated() {
                group.addTask {
                    let request = index.isMultiple(of: 2) ? limited : worker
                    let (_, next) = try await queue.finish(active, .completed(returnValue: "null"), takingNext: request, on: client)
                    return (index, next?.active != nil)
                }
            }
            return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        // The limited pair shares one job a window; the unlimited pair takes one each.
        #expect([taken[0], taken[2]].filter { $0 == true }.count == 1 && [taken[0], taken[2]].filter { $0 == false }.count == 1)
        #expect(taken[1] == true && taken[3] == true)
    }

    /// Finish calls travel as one script run only with the same take settings: a different rate limit,
    /// worker or no take at all keeps them apart.
    @Test func finishCallsShareARunOnlyWithTheSameTakeSettings() async throws {
        let queue = try makeQueue()
        try await queue.add("n", json: "{}")
        let active = try #require(try await take(1, from: queue).first)
        func call(_ next: TakeRequest?) -> RedisScriptCall {
            queue.finishCall(active, .completed(returnValue: "null"), next: next, nextToken: Lease.newToken())
        }
        let limited = TakeRequest(workerID: "w1", rateLimit: RateLimit(max: 1, per: .seconds(60)))
        #expect(call(worker).travels(with: call(worker)))
        #expect(call(nil).travels(with: call(nil)))
        #expect(!call(worker).travels(with: call(limited)))
        #expect(!call(worker).travels(with: call(TakeRequest(workerID: "w2"))))
        #expect(!call(worker).travels(with: call(nil)))
    }

    /// A finish of another argument layout is refused with an error, not misread (nothing is taken for it),
    /// and the other finishes of its call still run.
    @Test func aFinishOfAnotherLayoutIsRefused() async throws {
        let queue = try makeQueue()
        try await queue.addBulk((0..<3).map { NewJob("job-\($0)") })
        let held = try await take(2, from: queue)
        // The layout before this one: a take flag "0" where the next lease token now goes, and an extra "1".
        let old = ["8", held[0].job.id, held[0].lease.token, "completed", "null", "", "-1", "0", "1"]
        let reply = try await run(queue, [old, finishArguments(held[1], "completed", "null", next: false)])
        #expect(reply[0].errorMessage?.contains("7 arguments") == true)
        #expect(reply[1] == .array([.bulk(Array("completed".utf8))]))
        #expect(try await queue.counts().waiting == 1)
    }

    /// A take that fails (here the wait list is not a list) answers its error to the finishes that asked
    /// for it, while their outcomes stay written; a finish that took nothing is answered as usual.
    @Test func aTakeThatFailsAnswersItsErrorAndTheOutcomesStayWritten() async throws {
        let queue = try makeQueue()
        try await queue.addBulk((0..<2).map { NewJob("job-\($0)") })
        let held = try await take(2, from: queue)
        _ = try await queue.redis.client().send(["SET", queue.keys.wait, "not a list"])
        let reply = try await run(queue, [
            finishArguments(held[0], "completed", "null"),
            finishArguments(held[1], "completed", "null", next: false),
        ])
        #expect(reply[0].errorMessage?.contains("WRONGTYPE") == true)
        #expect(reply[1] == .array([.bulk(Array("completed".utf8))]))
        #expect(try await queue.job(held[0].job.id)?.state == .completed)
        #expect(try await queue.job(held[1].job.id)?.state == .completed)
        _ = try await queue.redis.client().send(["DEL", queue.keys.wait])
    }

    /// Completions under different retention rules in one call keep each rule as one finish at a time
    /// would: a job that keeps only the newest completed job does not trim one that asked to stay.
    @Test func completionsUnderDifferentRetentionRulesKeepEachRule() async throws {
        let queue = try makeQueue()
        try await queue.add("trim", json: "{}", options: JobOptions(jobId: "b-trim", removeOnComplete: .keep(1)))
        try await queue.add("stay", json: "{}", options: JobOptions(jobId: "a-stay"))
        let held = try await take(2, from: queue)
        #expect(held.map(\.job.id) == ["b-trim", "a-stay"])
        _ = try await run(queue, held.map { finishArguments($0, "completed", "null", next: false) })
        #expect(try await queue.job("a-stay")?.state == .completed)
        #expect(try await queue.job("b-trim")?.state == .completed)
        #expect(try await queue.counts().completed == 2)
    }

    /// A record as add wrote it completes by text (its completion's fields appended to the JSON), one
    /// that a script rewrote by decoding it: both read back the same, return values of any text included.
    @Test(arguments: ["\"a/b \\\"quoted\\\" \\n ünï\"", #"{"list":[1,2],"nested":{"x":null}}"#, "null"])
    func aCompletedRecordReadsBackTheSameWhetherAddWroteItOrAScriptDid(value: String) async throws {
        let queue = try makeQueue()
        try await queue.add("fresh", json: "{}")
        try await queue.add("rewritten", json: "{}", options: JobOptions(attempts: 2))
        let fresh = try #require(try await queue.take(worker).active)
        var rewritten = try #require(try await queue.take(worker).active)
        // A failed attempt has the record rewritten (MessagePack) before the job runs again.
        _ = try await queue.finish(rewritten, .failed(reason: "once"))
        rewritten = try #require(try await queue.take(worker).active)
        for active in [fresh, rewritten] {
            let (status, _) = try await queue.finish(active, .completed(returnValue: value))
            #expect(status == .completed)
        }
        let raw = try await queue.redis.client().send(["HGET", queue.keys.jobs, fresh.job.id]).string
        #expect(raw?.hasPrefix("{") == true, "completed by text")
        let other = try await queue.redis.client().send(["HGET", queue.keys.jobs, rewritten.job.id]).string
        #expect(other?.hasPrefix("{") == false, "completed by decoding")
        let jobs = [try #require(try await queue.job(fresh.job.id)), try #require(try await queue.job(rewritten.job.id))]
        for job in jobs {
            #expect(job.state == .completed && job.returnValue == value)
            #expect(job.processedAt != nil && job.finishedAt != nil && job.workerID == nil)
        }
        #expect(jobs.map(\.attemptsMade) == [1, 2] && jobs.map(\.attemptsStarted) == [1, 2])
        // A second report of the same completion is known as one.
        #expect(try await queue.finish(fresh, .completed(returnValue: value)).status == .duplicate)
    }

    /// Only a record that ends with the fresh mark completes by text. One that an older version wrote back
    /// as JSON (it holds the attempts made so far, and no mark) is decoded, so its counts carry on, in a
    /// batch beside a fresh one.
    @Test func aJSONRecordWithoutTheFreshMarkIsDecodedAndKeepsItsCounts() async throws {
        let queue = try makeQueue()
        let old = try await queue.add("old", json: "{}", options: JobOptions(attempts: 3))
        let new = try await queue.add("new", json: "{}")
        let client = queue.redis.client()
        #expect(try await client.send(["HGET", queue.keys.jobs, new.id]).string?.hasSuffix(RecordTemplates.freshMark) == true)
        let record = #"{"ts":1764489600000,"n":"old","a":3,"s":"waiting","am":1,"as":1,"fr":"once"}"#
        _ = try await client.send(["HSET", queue.keys.jobs, old.id, record])
        let held = try await take(2, from: queue)
        #expect(held.map(\.job.attemptsStarted) == [2, 1])
        _ = try await run(queue, held.map { finishArguments($0, "completed", "null", next: false) })
        let jobs = [try #require(try await queue.job(held[0].job.id)), try #require(try await queue.job(held[1].job.id))]
        #expect(jobs.map(\.state) == [.completed, .completed])
        #expect(jobs.map(\.attemptsMade) == [2, 1] && jobs.map(\.attemptsStarted) == [2, 1])
        // The fresh one completed by text, and is not fresh any more.
        let completed = try await client.send(["HGET", queue.keys.jobs, new.id]).string
        #expect(completed?.hasPrefix("{") == true && completed?.hasSuffix(RecordTemplates.freshMark) == false)
    }

    /// The arguments of one finish (see finish.lua), taking its next job unless `next` is false.
    private func finishArguments(_ active: ActiveJob, _ outcome: String, _ value: String, token: String? = nil, next: Bool = true) -> [String] {
        let own = [active.job.id, token ?? active.lease.token, outcome, value, "", outcome == "failed" ? "0" : "-1", next ? Lease.newToken() : ""]
        return [String(own.count)] + own
    }

    /// Runs finishes as one finish.lua call, their takes as `request` (worker w1 by default); the reply of each.
    private func run(_ queue: Queue, _ finishes: [[String]], taking request: TakeRequest = worker) async throws -> [RedisReply] {
        let arguments = queue.settingsArguments + request.settingsArguments + finishes.flatMap { $0 }
        let call = RedisScriptCall(QueueScripts.finish, keys: queue.keys.scriptKeys, arguments: arguments)
        return try #require(try await queue.redis.client().run(call).array)
    }

    /// Takes `count` jobs as worker w1.
    private func take(_ count: Int, from queue: Queue) async throws -> [ActiveJob] {
        var taken: [ActiveJob] = []
        for _ in 0..<count { taken.append(try #require(try await queue.take(worker).active)) }
        return taken
    }
}
