import BullpenCore
import Foundation
import Testing

/// A world whose queue `q` exists in Redis (it had one job), so that `add` accepts it.
private func setup() async throws -> (CLIWorld, Queue) {
    let world = try CLIWorld()
    let queue = try world.queue()
    try await queue.add("seed", json: "{}")
    return (world, queue)
}

@Suite struct AddCommandTests {
    @Test func addsAJobWithItsOptionsAndPrintsOnlyTheID() async throws {
        let (world, queue) = try await setup()
        let result = try await world.run([
            "add", "q", "welcome", #"{"to": "a@example.com", "n": 1.10}"#, "--priority", "3", "--delay", "1h",
            "--attempts", "4", "--backoff", "exponential:2s:0.5", "--remove-on-complete", "100",
            "--remove-on-fail", "1d", "--lifo", "--timeout", "30s", "--job-id", "welcome-7",
        ])
        #expect(result.code == 0, "\(result)")
        #expect(result.stdout == "welcome-7\n")
        #expect(result.stderr == "")
        let job = try #require(try await queue.job("welcome-7"))
        #expect(job.name == "welcome")
        #expect(job.data == #"{"to": "a@example.com", "n": 1.10}"#)
        #expect(job.state == .delayed)
        #expect(job.options == JobOptions(
            jobId: "welcome-7", priority: 3, delay: .seconds(3600), attempts: 4, backoff: .exponential(.seconds(2), jitter: 0.5),
            lifo: true, removeOnComplete: .keep(100), removeOnFail: .keep(for: .seconds(86_400)), timeout: .seconds(30)))
    }

    @Test func anExistingJobIDIsANoOpWithANote() async throws {
        let (world, queue) = try await setup()
        let first = try await world.run(["add", "q", "once", #"{"v":1}"#, "--job-id", "only"])
        let second = try await world.run(["add", "q", "once", #"{"v":2}"#, "--job-id", "only"])
        #expect(first.stdout == "only\n" && second.stdout == "only\n")
        #expect(second.code == 0)
        #expect(second.stderr.contains("job only exists already in queue q"))
        #expect(try await queue.job("only")?.data == #"{"v":1}"#)
    }

    @Test func readsDataFromStandardInputAndFromAFile() async throws {
        let (world, queue) = try await setup()
        let path = try world.write("job.json", #"{"from": "file"}"# + "\n")
        let fromStdin = try await world.run(["add", "q", "a", "-"], input: #"{"from": "stdin"}"#)
        let fromFile = try await world.run(["add", "q", "b", "--data-file", path])
        let withoutData = try await world.run(["add", "q", "c"])
        #expect(try await queue.job(fromStdin.stdout.trimmed)?.data == #"{"from": "stdin"}"#)
        #expect(try await queue.job(fromFile.stdout.trimmed)?.data == #"{"from": "file"}"#)
        #expect(try await queue.job(withoutData.stdout.trimmed)?.data == "{}")
    }

    @Test func createAddsToAQueueNobodyKnowsYet() async throws {
        let world = try CLIWorld()
        let refused = try await world.run(["add", "fresh", "job"])
        let created = try await world.run(["add", "fresh", "job", "--create"])
        #expect(refused.code == 64)
        #expect(created.code == 0, "\(created)")
        #expect(try await world.queue("fresh").counts().waiting == 1)
        #expect(try await world.run(["add", "fresh", "again"]).code == 0)
    }

    @Test func bulkAddsEveryLineInBatchesAndKeepsDataVerbatim() async throws {
        let (world, queue) = try await setup()
        var lines = [
            #"{"name": "first", "data": {"price": 1.10, "big": 12345678901234567890}, "opts": {"jobId": "first", "priority": 2, "delay": "5m", "backoff": {"type": "fixed", "delay": 500}}}"#,
            "",
            #"{"name": "second", "opts": {"removeOnComplete": {"count": 3, "age": "1h"}, "attempts": 2}}"#,
        ]
        lines += (0..<2_500).map { #"{"name": "n", "data": [\#($0)]}"# }
        let path = try world.write("jobs.ndjson", lines.joined(separator: "\n") + "\n")
        let result = try await world.run(["add", "q", "--bulk", path, "--attempts", "3"])
        #expect(result.code == 0, "\(result)")
        let ids = result.lines
        #expect(ids.count == 2_502)
        #expect(ids.first == "first")
        #expect(Set(ids).count == ids.count)
        let first = try #require(try await queue.job("first"))
        #expect(first.data == #"{"price": 1.10, "big": 12345678901234567890}"#)
        #expect(first.options.priority == 2 && first.options.delay == 300_000 && first.options.attempts == 3)
        #expect(first.options.backoff == .fixed(.milliseconds(500)))
        let second = try #require(try await queue.job(ids[1]))
        #expect(second.data == "{}" && second.options.attempts == 2)
        #expect(second.options.removeOnComplete == JobRetention(count: 3, age: .seconds(3600)))
        #expect(try await queue.job(try #require(ids.last))?.data == "[2499]")
        let counts = try await queue.counts()
        #expect(counts.waiting == 1 + 2_501 && counts.delayed == 1 && counts.prioritized == 0)
    }

    @Test func bulkReadsStandardInput() async throws {
        let (world, queue) = try await setup()
        let result = try await world.run(["add", "q", "--bulk", "-"], input: "{\"name\":\"a\"}\n{\"name\":\"b\",\"data\":7}\n")
        #expect(result.code == 0, "\(result)")
        #expect(result.lines.count == 2)
        #expect(try await queue.job(result.lines[1])?.data == "7")
    }

    /// Bad input: a clear message, the documented exit code, and not one key written.
    @Test(arguments: [
        (["add", "nope", "job"], "", 64, #"unknown queue "nope": not in redis (known queues: q)"#),
        (["add", "q", "job", "--delay", "-5s"], "", 64, "invalid job option delay: -5s (must be 0 or more)"),
        (["add", "q", "job", "--delay", "5"], "", 64, "did you mean 5s?"),
        (["add", "q", "job", "--priority", "0"], "", 64, "invalid job option priority: 0"),
        (["add", "q", "job", "--backoff", "linear:1s"], "", 64, "invalid job option backoff"),
        (["add", "q", "job", "--remove-on-complete", "some"], "", 64, "invalid job option remove-on-complete"),
        (["add", "q", "job", "--timeout", "0s"], "", 64, "invalid job option timeout: 0s (must be more than 0)"),
        (["add", "q", "job", "--job-id", "42"], "", 64, "invalid job id \"42\""),
        (["add", "q", "job", "{\"a\": 1"], "", 65, "job data is not valid JSON"),
        (["add", "q", "job", "-"], "not json", 65, "job data is not valid JSON"),
        (["add", "q", "job", "--data-file", "missing.json"], "", 66, "unable to read data file missing.json: No such file or directory"),
        (["add", "q", "--bulk", "missing.ndjson"], "", 66, "unable to read bulk file missing.ndjson"),
        (["add", "q", "--bulk", "-"], "{\"name\":\"ok\"}\n{\"name\":\"bad\",\"opts\":{\"delay\":-1}}\n", 65, "bulk line 2: opts.delay: -1 (must be 0 or more)"),
        (["add", "q", "--bulk", "-"], "{\"name\":\"ok\"}\n{\"name\":\n", 65, "bulk line 2: not valid JSON"),
        (["add", "q", "--bulk", "-"], "{\"data\":{}}\n", 65, "bulk line 1: missing \"name\""),
        (["add", "q", "--bulk", "-"], "{\"name\":\"x\",\"opts\":{\"atempts\":2}}\n", 65, "unknown option \"atempts\""),
        (["add", "q", "--bulk", "-", "--job-id", "x"], "", 64, "--job-id cannot apply to every line"),
        (["add", "q"], "", 64, "Missing expected argument '<name>'"),
    ] as [([String], String, Int32, String)])
    func rejectsBadInputAndWritesNothing(arguments: [String], input: String, code: Int32, message: String) async throws {
        let (world, _) = try await setup()
        let before = try await world.snapshot()
        let result = try await world.run(arguments, input: input)
        #expect(result.code == code, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
        #expect(result.stdout == "")
        #expect(try await world.snapshot() == before)
    }
}

extension String {
    /// Without the trailing newline.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
