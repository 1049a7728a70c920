import BullpenCore
import BullpenWorker
import Foundation
import Testing

@Suite(.timeLimit(.minutes(2))) struct ExecHandlerTests {
    /// Runs one job through an exec handler in a worker and returns the finished job.
    func run(_ script: String, data: String = "{}", options: JobOptions = JobOptions(), grace: Duration = .seconds(5),
             maxOutput: Int = 1 << 20) async throws -> Job {
        let queue = try makeQueue()
        try await queue.add("exec", json: data, options: options)
        let handler = ExecHandler(argv: ["/bin/sh", "-c", script, "job"], maxOutput: maxOutput, killGracePeriod: grace)
        let events = EventLog()
        let worker = Worker(queue: queue, handler: handler, configuration: .init(workerID: "w"), onEvent: events.handler)
        let running = Task { await worker.run() }
        _ = await eventually(timeout: .seconds(20)) { events.completed.count + events.failed.count > 0 }
        await worker.close(deadline: .seconds(1))
        await running.value
        return try #require(try await queue.job("1"))
    }

    @Test func exitZeroWithJSONCompletesWithThatValue() async throws {
        let job = try await run(#"read -r line; echo "progress: 40" >&2; printf '{"seen":%s,"id":"%s","attempt":%s}' "$(printf %s "$line" | wc -c)" "$BULLPEN_JOB_ID" "$BULLPEN_ATTEMPT""#,
                                data: #"{"a":1}"#)
        #expect(job.state == .completed)
        #expect(job.returnValue?.hasPrefix(#"{"seen":"#) == true)
        #expect(job.returnValue?.hasSuffix(#","id":"1","attempt":1}"#) == true)
        #expect(job.progress == "40")
    }

    @Test func nothingOnStdoutCompletesWithNull() async throws {
        let job = try await run("cat >/dev/null")
        #expect(job.state == .completed && job.returnValue == "null")
    }

    @Test func aNonZeroExitFailsWithTheTailOfStderr() async throws {
        let job = try await run("echo first >&2; echo 'smtp: 550 mailbox unavailable' >&2; exit 3")
        #expect(job.state == .failed)
        #expect(job.failedReason == "/bin/sh exited with status 3: first\nsmtp: 550 mailbox unavailable")
    }

    @Test func garbageOutputFailsTheAttempt() async throws {
        let job = try await run("echo 'not json at all'")
        #expect(job.state == .failed)
        #expect(job.failedReason?.contains("printed output that is not JSON") == true)
    }

    @Test func hugeOutputIsCutNotBuffered() async throws {
        let job = try await run("head -c 50000000 /dev/zero", maxOutput: 4096)
        #expect(job.state == .failed)
        #expect(job.failedReason == "/bin/sh printed more than 4096 bytes on standard output")
    }

    @Test func aCommandThatIgnoresSIGTERMIsKilledAfterTheGrace() async throws {
        let started = ContinuousClock.now
        let job = try await run("trap '' TERM; sleep 60", options: JobOptions(timeout: .milliseconds(300)), grace: .milliseconds(300))
        #expect(job.state == .failed && job.failedReason == "timed out after 300ms")
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func shellMetacharactersInThePayloadStayData() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bullpen-exec-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let marker = folder + "/pwned"
        let payload = #"{"x":"$(touch \#(marker)); `touch \#(marker)`; touch \#(marker) && echo; | > \#(marker) '\" *"}"#
        let job = try await run("cat > \(folder)/stdin.json", data: payload)
        #expect(job.state == .completed)
        #expect(!FileManager.default.fileExists(atPath: marker))
        let received = try String(contentsOfFile: folder + "/stdin.json", encoding: .utf8)
        #expect(received.contains(#""data":"# + payload))
    }
}
