import BullpenCore
import Foundation
import Testing

/// A world whose queue `q` exists, with one delayed job and one waiting job; returns their ids.
private func setup() async throws -> (CLIWorld, Queue, delayed: String, waiting: String) {
    let world = try CLIWorld()
    let queue = try world.queue()
    let delayed = try await queue.add("later", json: "{}", options: JobOptions(delay: .seconds(3600))).id
    let waiting = try await queue.add("now", json: "{}").id
    return (world, queue, delayed, waiting)
}

/// Takes the next job and fails it for good.
private func failNext(_ queue: Queue) async throws {
    guard case .job(let active) = try await queue.take(TakeRequest(workerID: "w")) else {
        throw CLIWorld.SetupError(message: "nothing to take")
    }
    _ = try await queue.finish(active, .failed(reason: "boom", retry: false))
}

@Suite struct QueueCommandTests {
    @Test func promoteMakesADelayedJobWait() async throws {
        let (world, queue, delayed, waiting) = try await setup()
        let result = try await world.run(["promote", "q", delayed])
        #expect(result.code == 0 && result.stdout == "promoted job \(delayed) in queue q\n", "\(result)")
        #expect(try await queue.job(delayed)?.state == .waiting)
        let notDelayed = try await world.run(["promote", "q", waiting])
        #expect(notDelayed.code == 1 && notDelayed.stderr.contains("is not delayed"), "\(notDelayed)")
    }

    @Test func removeDeletesAJob() async throws {
        let (world, queue, delayed, _) = try await setup()
        #expect(try await world.run(["remove", "q", delayed]).code == 0)
        #expect(try await queue.job(delayed) == nil)
        let again = try await world.run(["remove", "q", delayed])
        #expect(again.code == 1 && again.stderr == "bullpen: fatal: queue q has no job \(delayed)\n", "\(again)")
    }

    @Test func pauseAndResume() async throws {
        let (world, queue, _, _) = try await setup()
        #expect(try await world.run(["pause", "q"]).stdout == "paused queue q\n")
        #expect(try await queue.counts().isPaused)
        #expect(try await world.run(["pause", "q"]).stdout == "queue q was paused already\n")
        #expect(try await world.run(["resume", "q"]).stdout == "resumed queue q\n")
        #expect(try await !queue.counts().isPaused)
        #expect(try await world.run(["resume", "q"]).stdout == "queue q was not paused\n")
    }

    @Test func retryByIDAndAllFailed() async throws {
        let (world, queue, _, waiting) = try await setup()
        try await failNext(queue)
        let byID = try await world.run(["retry", "q", waiting])
        #expect(byID.stdout == "retried 1 job in queue q\n", "\(byID)")
        #expect(try await queue.job(waiting)?.state == .waiting)
        try await failNext(queue)
        #expect(try await world.run(["retry", "q", "--all-failed"]).stdout == "retried 1 job in queue q\n")
        let notFailed = try await world.run(["retry", "q", waiting])
        #expect(notFailed.code == 1, "\(notFailed)")
        #expect(try await world.run(["retry", "q"]).code == 64)
    }

    @Test func cleanDeletesOldFinishedJobs() async throws {
        let (world, queue, _, _) = try await setup()
        try await failNext(queue)
        let young = try await world.run(["clean", "q", "--state", "failed", "--older-than", "1h"])
        #expect(young.stdout == "deleted 0 failed jobs from queue q\n", "\(young)")
        let all = try await world.run(["clean", "q", "--state", "failed", "--older-than", "0s"])
        #expect(all.stdout == "deleted 1 failed job from queue q\n", "\(all)")
        #expect(try await queue.counts().failed == 0)
        let bad = try await world.run(["clean", "q", "--state", "waiting", "--older-than", "1d"])
        #expect(bad.code == 64, "\(bad)")
        let negative = try await world.run(["clean", "q", "--state", "failed", "--older-than=-1d"])
        #expect(negative.code == 64 && negative.stderr.contains("-1d"), "\(negative)")
    }

    @Test func drainDeletesWaitingJobsAndDelayedOnRequest() async throws {
        let (world, queue, _, _) = try await setup()
        #expect(try await world.run(["drain", "q"]).stdout == "deleted 1 waiting job from queue q\n")
        #expect(try await queue.counts().delayed == 1)
        #expect(try await world.run(["drain", "q", "--delayed"]).stdout == "deleted 1 waiting and delayed job from queue q\n")
        #expect(try await queue.counts().delayed == 0)
    }

    @Test func obliterateNeedsYes() async throws {
        let (world, queue, _, _) = try await setup()
        let before = try await world.snapshot()
        let refused = try await world.run(["obliterate", "q"])
        #expect(refused.code == 64)
        #expect(refused.stderr.contains("pass --yes to confirm"))
        #expect(try await world.snapshot() == before)
        guard case .job = try await queue.take(TakeRequest(workerID: "w")) else { throw CLIWorld.SetupError(message: "nothing to take") }
        let running = try await world.run(["obliterate", "q", "--yes"])
        #expect(running.code == 1 && running.stderr.contains("has running jobs"), "\(running)")
        let forced = try await world.run(["obliterate", "q", "--yes", "--force"])
        #expect(forced.code == 0 && forced.stdout == "obliterated queue q\n", "\(forced)")
        #expect(try await world.snapshot().isEmpty)
        let gone = try await world.run(["jobs", "q"])
        #expect(gone.code == 64 && gone.stderr.contains("unknown queue \"q\""))
    }

    /// Every queue command refuses a queue Redis does not know, naming it and the known ones.
    @Test(arguments: [
        ["jobs", "nope"], ["job", "nope", "1"], ["retry", "nope", "--all-failed"], ["remove", "nope", "1"],
        ["promote", "nope", "1"], ["pause", "nope"], ["resume", "nope"], ["drain", "nope"],
        ["clean", "nope", "--state", "completed", "--older-than", "1d"], ["obliterate", "nope", "--yes"],
        ["stats", "nope"], ["dead-letter", "list", "nope"], ["dead-letter", "purge", "nope", "--all"],
    ])
    func unknownQueueIsAUsageError(arguments: [String]) async throws {
        let (world, _, _, _) = try await setup()
        let before = try await world.snapshot()
        let result = try await world.run(arguments)
        #expect(result.code == 64, "\(result)")
        #expect(result.stderr == "bullpen: fatal: unknown queue \"nope\": not in redis (known queues: q)\n")
        #expect(try await world.snapshot() == before)
    }
}
