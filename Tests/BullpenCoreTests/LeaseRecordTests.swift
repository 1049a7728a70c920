@testable import BullpenCore
import BullpenRedis
import Testing

/// A take leaves the job's record as stored and keeps the attempt in the job's lease (`locks`); whoever
/// reads the job meanwhile sees the attempt, and the attempt's end folds it into the record.
@Suite(.timeLimit(.minutes(1))) struct LeaseRecordTests {
    /// The stored record's first byte: `{` for the JSON `add` writes, a MessagePack map after a rewrite.
    func storedRecord(_ queue: Queue, _ id: String) async throws -> [UInt8] {
        let reply = try await queue.redis.client().send(["HGET", queue.keys.jobs, id])
        guard case .bulk(let bytes) = reply else { throw QueueError(.redis, "no record for \(id): \(reply)") }
        return bytes
    }

    @Test func aRunningJobShowsItsAttemptWhileItsRecordIsUntouched() async throws {
        let queue = try makeQueue()
        let added = try await queue.add("a", json: "{}")
        let before = try await storedRecord(queue, added.id)
        let active = try #require(try await queue.take(TakeRequest(workerID: "host 7", lease: .seconds(30))).active)
        #expect(try await storedRecord(queue, added.id) == before)

        #expect(active.job.state == .active)
        #expect(active.job.attemptsStarted == 1)
        #expect(active.job.workerID == "host 7")
        let processedAt = try #require(active.job.processedAt)
        for shown in [try await queue.job(added.id), try await queue.jobs(.active).jobs.first] {
            let job = try #require(shown)
            #expect(job.state == .active)
            #expect(job.attemptsStarted == 1)
            #expect(job.attemptsMade == 0)
            #expect(job.workerID == "host 7")
            #expect(job.processedAt == processedAt)
        }
    }

    @Test func theEndOfAnAttemptFoldsItIntoTheRecord() async throws {
        let queue = try makeQueue()
        try await queue.addBulk([NewJob("done"), NewJob("handed-back")])
        let jobs = try await queue.takeAll()
        #expect(try await queue.finish(jobs[0], .completed(returnValue: "1")).status == .completed)
        #expect(try await queue.release([(jobs[1].job.id, jobs[1].lease.token)]) == 1)

        let done = try #require(try await queue.job(jobs[0].job.id))
        #expect(done.state == .completed)
        #expect((done.attemptsStarted, done.attemptsMade) == (1, 1))
        #expect(done.processedAt == jobs[0].job.processedAt)
        #expect(done.workerID == nil)
        // Handed back: one attempt started, none used up; taken again, it starts its second.
        let back = try #require(try await queue.job(jobs[1].job.id))
        #expect(back.state == .waiting)
        #expect((back.attemptsStarted, back.attemptsMade) == (1, 0))
        #expect(back.workerID == nil)
        let again = try #require(try await queue.take(worker).active)
        #expect(again.job.id == jobs[1].job.id)
        #expect(again.job.attemptsStarted == 2)
        #expect(try await storedRecord(queue, again.job.id).first != UInt8(ascii: "{"))
    }

    @Test func aRecordKeepsOnlyWhatDiffersFromTheDefaults() async throws {
        let queue = try makeQueue()
        let plain = try await queue.add("plain", json: "{}")
        let text = String(decoding: try await storedRecord(queue, plain.id), as: UTF8.self)
        #expect(text.hasPrefix(#"{"ts":"#))
        // The defaults leave out every field but the name, and the fresh mark comes last.
        #expect(text.hasSuffix(#","n":"plain""# + RecordTemplates.freshMark))
        let job = try #require(try await queue.job(plain.id))
        #expect((job.maxAttempts, job.priority, job.delay, job.stalls, job.crashes) == (1, 0, 0, 0, 0))
        #expect(job.options == JobOptions())
    }

    @Test func aLeaseHoldsOnlyItsOwnJob() async throws {
        let queue = try makeQueue()
        try await queue.addBulk([NewJob("a"), NewJob("b")])
        let jobs = try await queue.takeAll()
        // The second job's lease presented for the first job is refused, and changes nothing.
        var crossed = jobs[0]
        crossed.lease = jobs[1].lease
        #expect(try await queue.finish(crossed, .completed(returnValue: "1")).status == .stale)
        #expect(try await queue.job(jobs[0].job.id)?.state == .active)
        #expect(try await queue.finish(jobs[1], .completed(returnValue: "2")).status == .completed)
        #expect(try await queue.finish(jobs[0], .completed(returnValue: "1")).status == .completed)
    }

    @Test func aRunningJobFromBeforeLeasesNamedTheirJobIsRecovered() async throws {
        let queue = try makeQueue()
        let added = try await queue.add("old", json: "{}")
        // As the layout before kept it: the bare id in `active`, with an expired lease.
        _ = try await queue.redis.client().send(["ZADD", queue.keys.active, "1", added.id])
        _ = try await queue.redis.client().send(["LREM", queue.keys.wait, "0", added.id])
        #expect(try await queue.recoverStalled(maxStalls: 1) == (1, 0))
        #expect(try await queue.take(worker).active?.job.id == added.id)
    }

    /// A lease nonce of other characters than letters and digits (not one of `Lease`'s) is never spliced
    /// into a record's text: its completion decodes the record instead, and counts the same.
    @Test func aNonceOfOtherCharactersCompletesByDecoding() async throws {
        let queue = try makeQueue()
        let added = try await queue.add("odd", json: "{}")
        let client = queue.redis.client()
        let nonce = #"ab-c"d"#
        let take = RedisScriptCall(QueueScripts.take, keys: queue.keys.scriptKeys,
                                   arguments: queue.settingsArguments + worker.scriptArguments(token: nonce))
        let taken = try #require(try await client.run(take).array)
        #expect(taken.first == .bulk(Array("job".utf8)))
        let started = try #require(taken.last?.int)
        let own = [added.id, "\(added.id) \(nonce) \(started) \(worker.workerID)", "completed", "null", "", "-1", ""]
        let finish = RedisScriptCall(QueueScripts.finish, keys: queue.keys.scriptKeys,
                                     arguments: queue.settingsArguments + TakeRequest.noTakeArguments + [String(own.count)] + own)
        #expect(try await client.run(finish) == .array([.array([.bulk(Array("completed".utf8))])]))
        #expect(try await storedRecord(queue, added.id).first != UInt8(ascii: "{"), "decoded and packed, not spliced")
        let job = try #require(try await queue.job(added.id))
        #expect(job.state == .completed && job.attemptsMade == 1 && job.attemptsStarted == 1)
        #expect(try await client.run(finish) == .array([.array([.bulk(Array("duplicate".utf8))])]))
    }
}

/// What queues from before this layout hold is still read: data in the `data` hash (a job's data now
/// lives beside its record in `jobs`, one HMGET for a take), and records that cjson wrote.
@Suite(.timeLimit(.minutes(1))) struct OlderLayoutTests {
    @Test func aCjsonRecordWithAnEmptyStackReadsAsNoStack() async throws {
        let queue = try makeQueue()
        let added = try await queue.add("old", json: "{}")
        // cjson wrote an empty Lua table as an object.
        let record = #"{"ts":1764489600000,"n":"old","am":0,"stk":{},"s":"waiting"}"#
        _ = try await queue.redis.client().send(["HSET", queue.keys.jobs, added.id, record])
        let job = try #require(try await queue.job(added.id))
        #expect(job.stacktrace.isEmpty)
        #expect(job.createdAt == 1_764_489_600_000)
        #expect(try await queue.take(worker).active?.job.stacktrace.isEmpty == true)
    }

    @Test func dataFromTheOlderDataHashIsStillServed() async throws {
        let queue = try makeQueue()
        let added = try await queue.add("old", json: #"{"old":true}"#)
        let client = queue.redis.client()
        #expect(try await client.send(["HGET", queue.keys.jobs, added.id + " d"]) == .bulk(Array(#"{"old":true}"#.utf8)))
        // As the layout before kept it.
        _ = try await client.send(["HDEL", queue.keys.jobs, added.id + " d"])
        _ = try await client.send(["HSET", queue.keys.data, added.id, #"{"old":1}"#])
        #expect(try await queue.job(added.id)?.data == #"{"old":1}"#)
        #expect(try await queue.take(worker).active?.job.data == #"{"old":1}"#)
    }
}
