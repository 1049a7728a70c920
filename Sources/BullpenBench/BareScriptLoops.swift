import BullpenCore
import BullpenRedis
import Foundation

/// The queue's own Lua scripts (add; finish with take-next) called on a bare `RedisConnection` from a
/// thread of its own, with the arguments laid out as the queue does but without the Swift queue layer
/// (no actor hop, no option encoding or validation, no reply decoding). Next to the queue rows, this
/// separates the client-side cost from the server-side Lua cost.
struct BareScriptLoops: Sendable {
    let target: BenchTarget
    let admin: RedisClient
    let jobs: Int

    /// The first four ARGV of every queue script (`_queue.lua`), for default settings and queue "bench".
    private static let settingsArguments: [String] = {
        let settings = QueueSettings()
        return [String(settings.maxEvents), settings.deadLetter ? "1" : "0", String(settings.deadLetterMax), "bench"]
    }()
    private static let worker = "bench-worker"

    /// `add.lua` with one job per call, as `queue.add` sends it.
    func add() async throws -> Sample {
        try await admin.send(["FLUSHALL"]).orThrow(command: "FLUSHALL")
        let queue = try Queue("bench", redis: RedisPool(target.configuration, size: 1))
        let digests = try await ScriptDigests.capture(admin) { try await queue.add("bench", json: Payload.json(-1)) }
        guard let sha = digests.first else { throw BenchError(.redis, "queue.add sent no EVALSHA") }
        await queue.redis.close()
        // The record tail add.lua splices after `{"ts":<ms>,` (as RecordTemplates builds it for default options).
        let record = #""n":"bench","o":"{}","d":0,"p":0,"lifo":false,"a":1,"am":0,"as":0,"sc":0,"cc":0,"rc":-1,"rca":0,"rf":-1,"rfa":0,"s":"waiting"}"#
        let head = ["EVALSHA", sha, "18"] + queue.keys.scriptKeys + Self.settingsArguments + ["1"]
        return try await measure { connection, jobs in
            for index in 0..<jobs {
                let command = head + ["", "bench", Payload.json(index), record, "0", "0", "0"]
                guard case .array = try connection.send(command) else { throw BenchError(.redis, "add.lua answered no array") }
            }
        }
    }

    /// `take.lua` once, then `finish.lua` with take-next until the queue is empty, as a worker's loop sends
    /// them (a fixed lease token per job instead of a random one).
    func cycles() async throws -> Sample {
        try await admin.send(["FLUSHALL"]).orThrow(command: "FLUSHALL")
        let queue = try Queue("bench", redis: RedisPool(target.configuration, size: 1))
        try await queue.addBulk((0...jobs).map { NewJob("bench", json: Payload.json($0)) })
        let digests = try await ScriptDigests.capture(admin) {
            guard case .job(let active) = try await queue.take(TakeRequest(workerID: Self.worker)) else {
                throw BenchError(.redis, "warm-up take found no job")
            }
            _ = try await queue.finish(active, .completed(returnValue: "1"))
        }
        guard digests.count == 2 else { throw BenchError(.redis, "expected take and finish EVALSHA calls, saw \(digests.count)") }
        await queue.redis.close()
        let (take, finish) = (digests[0], digests[1])
        // The queue settings, then the take settings: worker, lease ms, no rate limit.
        let head = queue.keys.scriptKeys + Self.settingsArguments + [Self.worker, "30000", "0", "0"]
        return try await measure { connection, jobs in
            var reply = try connection.send(["EVALSHA", take, "18"] + head + ["t0"])
            var done = 0
            while let parts = reply.array, let at = parts.firstIndex(of: .bulk(Array("job".utf8))), let id = parts[at + 1].string,
                let started = parts.last?.int
            {
                // The lease token is the lease the script stored: id, the take's nonce, start time, worker.
                let token = "\(id) t\(done) \(started) \(Self.worker)"
                done += 1
                // finish.lua takes a batch: one finish of 7 arguments, the last its next lease token; it
                // answers one reply per finish.
                reply = try connection.send(
                    ["EVALSHA", finish, "18"] + head + ["7", id, token, "completed", "1", "", "0", "t\(done)"])
                if let batch = reply.array, batch.count == 1, let only = batch.first { reply = only }
            }
            guard done == jobs else { throw BenchError(.redis, "bare cycles completed \(done) jobs, expected \(jobs): \(reply)") }
        }
    }

    private func measure(_ body: @escaping @Sendable (RedisConnection, Int) throws -> Void) async throws -> Sample {
        let (configuration, jobs) = (target.configuration, self.jobs)
        let before = try await ServerStats.read(admin)
        let elapsed = try await OwnThread.run { () throws -> (wall: Double, cpu: Double) in
            let connection = try RedisConnection(configuration)
            let start = ProcessClock.now()
            try body(connection, jobs)
            return ProcessClock.now().since(start)
        }
        let after = try await ServerStats.read(admin)
        return Sample(operations: jobs, elapsed: elapsed, server: after.cost(since: before, operations: jobs))
    }
}
