import BullpenCore
import Foundation
import Testing

/// A queue `q` whose two jobs failed for good and were dead-lettered; returns their ids.
private func setup() async throws -> (CLIWorld, Queue, [String]) {
    let world = try CLIWorld()
    let queue = try world.queue()
    let ids = try await queue.addBulk([NewJob("mail", json: #"{"to": "a"}"#), NewJob("mail", json: #"{"to": "b"}"#)]).map(\.id)
    for _ in ids {
        guard case .job(let active) = try await queue.take(TakeRequest(workerID: "w")) else {
            throw CLIWorld.SetupError(message: "nothing to take")
        }
        _ = try await queue.finish(active, .failed(reason: "mailbox full", retry: false))
    }
    return (world, queue, ids)
}

@Suite struct DeadLetterCommandTests {
    @Test func listShowsEntriesNewestFirst() async throws {
        let (world, _, ids) = try await setup()
        let json = try (await world.run(["dead-letter", "list", "q", "--json"])).json()
        #expect(json["total"] as? Int == 2)
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(Set(entries.compactMap { $0["id"] as? String }) == Set(ids))
        #expect(entries.allSatisfy { $0["error"] as? String == "mailbox full" && $0["queue"] as? String == "q" })
        let table = try await world.run(["dead-letter", "list", "q"])
        #expect(table.code == 0 && table.lines.count == 4, "\(table)")
        #expect(table.lines.last == "1-2 of 2 dead-lettered jobs in queue q")
    }

    @Test func showOneEntry() async throws {
        let (world, _, ids) = try await setup()
        let entry = try (await world.run(["dead-letter", "show", "q", ids[0], "--json"])).json()
        #expect(entry["id"] as? String == ids[0])
        #expect((entry["data"] as? [String: Any])?["to"] as? String == "a")
        #expect(entry["attemptsMade"] as? Int == 1)
        let text = try await world.run(["dead-letter", "show", "q", ids[1]])
        #expect(text.lines.contains("error:     mailbox full"), "\(text)")
        let missing = try await world.run(["dead-letter", "show", "q", "nope"])
        #expect(missing.code == 1 && missing.stderr.contains("no dead-lettered job nope"))
    }

    @Test func retrySendsJobsBackToTheirQueue() async throws {
        let (world, queue, ids) = try await setup()
        let result = try await world.run(["dead-letter", "retry", "q", ids[0]])
        #expect(result.stdout == "sent 1 job back to queue q\n", "\(result)")
        #expect(try await queue.job(ids[0])?.state == .waiting)
        #expect(try await world.run(["dead-letter", "retry", "q", "--all"]).stdout == "sent 1 job back to queue q\n")
        let counts = try await queue.counts()
        #expect(counts.waiting == 2 && counts.deadLetter == 0 && counts.failed == 0)
        let gone = try await world.run(["dead-letter", "retry", "q", ids[0]])
        #expect(gone.code == 1, "\(gone)")
    }

    @Test func purgeDeletesEntries() async throws {
        let (world, queue, ids) = try await setup()
        #expect(try await world.run(["dead-letter", "purge", "q", ids[1]]).stdout == "deleted 1 dead-letter entry from queue q\n")
        #expect(try await world.run(["dead-letter", "purge", "q", "--all"]).stdout == "deleted 1 dead-letter entry from queue q\n")
        #expect(try await queue.counts().deadLetter == 0)
        let neither = try await world.run(["dead-letter", "purge", "q"])
        #expect(neither.code == 64 && neither.stderr.contains("give job ids or --all"))
    }
}
