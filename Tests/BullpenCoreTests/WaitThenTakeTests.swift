import BullpenCore
import BullpenRedis
import BullpenTestSupport
import Testing

/// `waitForWork(on:timeout:thenTake:)`: the take travels behind the BZPOPMIN, and Redis runs it the moment
/// the wait ends.
@Suite(.timeLimit(.minutes(1))) struct WaitThenTakeTests {
    /// A queue, a blocking client for it, and that client's connection id (to see it blocked).
    func setup(_ server: RedisServer = .shared) async throws -> (Queue, RedisClient, Int64) {
        let queue = try makeQueue(pool: RedisPool(server.configuration, size: 1))
        let blocking = RedisClient(server.configuration)
        let id = try #require(try await blocking.send(["CLIENT", "ID"]).int)
        return (queue, blocking, id)
    }

    /// True once the connection `id` is blocked in BZPOPMIN.
    func blocked(_ id: Int64, on queue: Queue) async throws -> Bool {
        for _ in 0..<500 {
            let line = try await queue.redis.client().send(["CLIENT", "LIST", "ID", String(id)]).string ?? ""
            if line.contains("cmd=bzpopmin") && line.contains("flags=b") { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    @Test func theJobThatEndsTheWaitIsTakenInTheSameRoundTrip() async throws {
        let (queue, blocking, id) = try await setup()
        async let woke = queue.waitForWork(on: blocking, timeout: 10, thenTake: worker)
        #expect(try await blocked(id, on: queue))
        let added = try await queue.add("a", json: #"{"v":1}"#)
        let result = try await woke
        #expect(result.woken)
        let active = try #require(result.taken.active)
        #expect(active.job.id == added.id && active.job.data == #"{"v":1}"#)
        // The lease is the real one: finishing with it completes the job.
        #expect(try await queue.finish(active, .completed(returnValue: "1")).status == .completed)
    }

    @Test func aWaitThatRunsOutStillTakes() async throws {
        let (queue, blocking, _) = try await setup()
        let quiet = try await queue.waitForWork(on: blocking, timeout: 0.05, thenTake: worker)
        #expect(!quiet.woken)
        #expect(quiet.taken == .empty(nextDueIn: nil))
        // A delayed job: the take behind the wait reports when it is due.
        try await queue.add("later", json: "{}", options: JobOptions(delay: .seconds(60)))
        let next = try await queue.waitForWork(on: blocking, timeout: 0.05, thenTake: worker)
        guard case .empty(let dueIn?) = next.taken else { Issue.record("expected empty with a due time: \(next.taken)"); return }
        #expect(dueIn > 55_000 && dueIn <= 60_000)
    }

    @Test func aWaitTheServerRefusesIsAnErrorUnlessItsTakeBroughtAJob() async throws {
        let server = try RedisServer()
        let (queue, admin, _) = try await setup(server)
        _ = try await admin.send(["ACL", "SETUSER", "nowait", "on", ">pw", "~*", "&*", "+@all", "-bzpopmin"])
        let refused = RedisClient(try RedisConfiguration(url: "unix://nowait:pw@" + server.socketPath))
        // The refusal comes back at once: an idle worker must hear of it, not loop on it.
        await #expect {
            try await queue.waitForWork(on: refused, timeout: 5, thenTake: worker)
        } throws: { error in
            (error as? QueueError)?.message.contains("BZPOPMIN") == true
        }
        // A job the take behind it leased is still handed over: it is leased to this worker.
        try await queue.add("a", json: "{}")
        let result = try await queue.waitForWork(on: refused, timeout: 5, thenTake: worker)
        #expect(!result.woken)
        #expect(result.taken.active?.job.name == "a")
    }

    @Test func aScriptTheServerForgotIsLoadedAndTheTakeRuns() async throws {
        let server = try RedisServer()
        let (queue, blocking, _) = try await setup(server)
        try await queue.add("a", json: "{}")
        _ = try await blocking.send(["SCRIPT", "FLUSH"])
        let result = try await queue.waitForWork(on: blocking, timeout: 5, thenTake: worker)
        #expect(result.woken)
        #expect(result.taken.active?.job.name == "a")
    }
}
