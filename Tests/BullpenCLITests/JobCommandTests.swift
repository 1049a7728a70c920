import BullpenCore
import Foundation
import Testing

/// A queue `q` with one completed job (progress, logs, return value), one failed job (reason, stack) and
/// one waiting job; returns the world, the queue and the ids in that order.
private func setup() async throws -> (CLIWorld, Queue, completed: String, failed: String, waiting: String) {
    let world = try CLIWorld()
    let queue = try world.queue()
    let completed = try await queue.add("report", json: #"{"day": "2026-01-01"}"#, options: JobOptions(attempts: 2)).id
    let failed = try await queue.add("mail", json: #"{"to": "x"}"#).id
    let request = TakeRequest(workerID: "test-worker")
    guard case .job(let first) = try await queue.take(request), case .job(let second) = try await queue.take(request) else {
        throw CLIWorld.SetupError(message: "expected two jobs to take")
    }
    _ = try await queue.reportProgress(first, json: "50")
    try await queue.log(first.job.id, "half way", "done")
    _ = try await queue.finish(first, .completed(returnValue: #"{"rows": 3}"#))
    _ = try await queue.finish(second, .failed(reason: "smtp refused", stack: "at send()\nat main()", retry: false))
    let waiting = try await queue.add("mail", json: "[1]").id
    return (world, queue, completed, failed, waiting)
}

@Suite struct JobCommandTests {
    @Test func jobJSONHasEveryField() async throws {
        let (world, _, completed, failed, _) = try await setup()
        let result = try await world.run(["job", "q", completed, "--json"])
        #expect(result.code == 0, "\(result)")
        let job = try result.json()
        #expect(job["id"] as? String == completed)
        #expect(job["state"] as? String == "completed")
        #expect((job["data"] as? [String: Any])?["day"] as? String == "2026-01-01")
        #expect((job["options"] as? [String: Any])?["attempts"] as? Int == 2)
        #expect(job["progress"] as? Int == 50)
        #expect((job["returnValue"] as? [String: Any])?["rows"] as? Int == 3)
        #expect(job["logs"] as? [String] == ["half way", "done"])
        #expect(job["attemptsMade"] as? Int == 1 && job["maxAttempts"] as? Int == 2)
        let iso = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z/
        for field in ["createdAt", "processedAt", "finishedAt"] {
            let text = try #require(job[field] as? String, "\(field) missing")
            #expect(text.wholeMatch(of: iso) != nil, "\(field): \(text)")
        }
        let failure = try (await world.run(["job", "q", failed, "--json"])).json()
        #expect(failure["state"] as? String == "failed")
        #expect(failure["failedReason"] as? String == "smtp refused")
        #expect(failure["stacktrace"] as? [String] == ["at send()\nat main()"])
    }

    @Test func jobTextShowsTheFields() async throws {
        let (world, _, _, failed, _) = try await setup()
        let result = try await world.run(["job", "q", failed])
        #expect(result.code == 0, "\(result)")
        #expect(result.lines.contains("state:         failed"))
        #expect(result.lines.contains("failed reason: smtp refused"))
        #expect(result.lines.contains("data:          {\"to\": \"x\"}"))
        #expect(result.stdout.contains("stacktrace:\n  at send()\n  at main()"))
    }

    @Test func missingJobExitsOne() async throws {
        let (world, _, _, _, _) = try await setup()
        let result = try await world.run(["job", "q", "999"])
        #expect(result.code == 1)
        #expect(result.stderr == "bullpen: fatal: queue q has no job 999\n")
    }

    @Test func jobsListsAStateAsTableAndJSON() async throws {
        let (world, _, _, failed, waiting) = try await setup()
        let table = try await world.run(["jobs", "q", "--state", "failed"])
        #expect(table.code == 0, "\(table)")
        #expect(table.lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["ID", "NAME", "ATTEMPTS", "CREATED", "FINISHED", "REASON"])
        #expect(table.lines.count == 3)
        #expect(table.lines[1].hasPrefix("\(failed) ") && table.lines[1].hasSuffix("smtp refused"))
        #expect(table.lines.last == "1-1 of 1 failed jobs in queue q")
        let json = try (await world.run(["jobs", "q", "--state", "waiting", "--json"])).json()
        #expect(json["total"] as? Int == 1)
        #expect((json["jobs"] as? [[String: Any]])?.map { $0["id"] as? String } == [waiting])
        let empty = try await world.run(["jobs", "q", "--state", "delayed"])
        #expect(empty.stdout == "no delayed jobs in queue q\n")
    }

    @Test func jobsPagesWithLimitAndOffset() async throws {
        let world = try CLIWorld()
        let queue = try world.queue()
        let ids = try await queue.addBulk((0..<5).map { NewJob("n", json: "[\($0)]") }).map(\.id)
        let json = try (await world.run(["jobs", "q", "--limit", "2", "--offset", "1", "--json"])).json()
        #expect(json["total"] as? Int == 5 && json["offset"] as? Int == 1)
        #expect((json["jobs"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[1], ids[2]])
        let bad = try await world.run(["jobs", "q", "--state", "dead"])
        #expect(bad.code == 64 && bad.stderr.contains("unknown state \"dead\""))
    }
}

extension CLIWorld {
    /// A fixture that could not be built.
    struct SetupError: Error {
        var message: String
    }
}
