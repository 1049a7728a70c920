import Glibc
import Synchronization
import Testing

@testable import BullpenProcess

/// A `/bin/sh -c script` command with small defaults for tests.
private func shell(
    _ script: String, input: [UInt8] = [], stdoutLimit: Int = 1 << 20, stderrLimit: Int = 4096,
    timeout: Duration? = .seconds(30), grace: Duration = .seconds(5)
) -> CommandRun {
    CommandRun(
        executable: "/bin/sh", arguments: ["-c", script], environment: ["PATH=/usr/bin:/bin"], input: input,
        stdoutLimit: stdoutLimit, stderrLimit: stderrLimit, timeout: timeout, killGracePeriod: grace)
}

@Suite(.timeLimit(.minutes(2))) struct CommandRunTests {
    @Test func inputRoundTripsThroughCat() throws {
        // Larger than a pipe's buffer both ways: a writer that waited for the reader would deadlock.
        let input = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let result = try CommandRun(executable: "/bin/cat", environment: [], input: input, stdoutLimit: 4_000_000).run()
        #expect(result.status == .exited(code: 0))
        #expect(result.stdout == input)
        #expect(!result.stdoutTruncated && !result.timedOut && !result.cancelled)
    }

    @Test func keepsTheFirstStdoutBytesAndTheLastStderrBytes() throws {
        let result = try shell(
            "head -c 10000000 /dev/zero; head -c 10000000 /dev/zero >&2; printf 'the end\\n' >&2",
            stdoutLimit: 1000, stderrLimit: 100
        ).run()
        #expect(result.status == .exited(code: 0))
        #expect(result.stdout == [UInt8](repeating: 0, count: 1000))
        #expect(result.stdoutTruncated)
        #expect(result.stderrTail.count == 100)
        #expect(result.stderrTail.suffix(8) == Array("the end\n".utf8)[...])
        #expect(result.stderrTruncated)
    }

    @Test func reportsEachStderrLine() throws {
        var lines: [String] = []
        let result = try shell(
            "for p in 10 50 100; do echo \"progress: $p\" >&2; echo out; done; printf 'no newline' >&2"
        ).run { lines.append($0) }
        #expect(lines == ["progress: 10", "progress: 50", "progress: 100", "no newline"])
        #expect(result.stdout == Array("out\nout\nout\n".utf8))
        #expect(String(decoding: result.stderrTail, as: UTF8.self).hasSuffix("progress: 100\nno newline"))
    }

    @Test func exitCodeAndEnvironmentAndDirectory() throws {
        let result = try CommandRun(
            executable: "/bin/sh", arguments: ["-c", "echo \"$GREETING $(pwd)\"; exit 3"],
            environment: ["GREETING=hello"], workingDirectory: "/"
        ).run()
        #expect(result.status == .exited(code: 3))
        #expect(result.stdout == Array("hello /\n".utf8))
    }

    @Test func deadlineKillsAChildThatIgnoresTerm() throws {
        let result = try shell("trap '' TERM; /bin/sleep 30", timeout: .milliseconds(200), grace: .milliseconds(300)).run()
        #expect(result.timedOut)
        #expect(result.status == .signaled(signal: SIGKILL, coreDumped: false))
        // Timeout plus grace, with a generous margin for a loaded machine; far below the sleep's 30 s.
        #expect(result.duration >= .milliseconds(500))
        #expect(result.duration < .seconds(5))
    }

    @Test func deadlineTerminatesPolitelyFirst() throws {
        let result = try shell("exec /bin/sleep 30", timeout: .milliseconds(100)).run()
        #expect(result.timedOut)
        #expect(result.status == .signaled(signal: SIGTERM, coreDumped: false))
        #expect(result.duration < .seconds(5))
    }

    @Test func cancellationTerminatesTheCommand() throws {
        let cancellation = try CommandCancellation()
        cancellation.cancel()
        #expect(cancellation.isCancelled)
        let result = try shell("exec /bin/sleep 30").run(cancellation: cancellation)
        #expect(result.cancelled && !result.timedOut)
        #expect(result.status == .signaled(signal: SIGTERM, coreDumped: false))
    }

    @Test func cancellingTheTaskCancelsTheCommandOnItsOwnThread() async throws {
        let command = shell("exec /bin/sleep 30")
        let task = Task { try await command.runOnOwnThread() }
        task.cancel()
        let result = try await task.value
        #expect(result.cancelled)
        #expect(result.status == .signaled(signal: SIGTERM, coreDumped: false))
    }

    @Test func runOnOwnThreadReportsLinesAndResult() async throws {
        final class Lines: Sendable { let seen = Mutex<[String]>([]) }
        let lines = Lines()
        let result = try await shell("echo 'progress: 50' >&2; echo done").runOnOwnThread { line in
            lines.seen.withLock { $0.append(line) }
        }
        #expect(result.status == .exited(code: 0))
        #expect(result.stdout == Array("done\n".utf8))
        #expect(lines.seen.withLock { $0 } == ["progress: 50"])
    }

    @Test func leftoverProcessesAreKilledWhenTheCommandEnds() throws {
        // The background sleep holds stdout open: without the group kill the run would last 30 s.
        let result = try shell("/bin/sleep 30 & echo $!").run()
        #expect(result.status == .exited(code: 0))
        #expect(result.duration < .seconds(2))
        let leftover = try #require(pid_t(String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").first ?? ""))
        let killed = try ExitWatcher.waitForExit(of: leftover, timeout: .seconds(5))
        #expect(killed)
        if !killed { kill(leftover, SIGKILL) }
    }

    @Test func aCommandThatIgnoresItsInputDoesNotKillUs() throws {
        let maskBefore = Signals.currentMask
        let result = try CommandRun(executable: "/bin/true", environment: [], input: [UInt8](repeating: 7, count: 4_000_000)).run()
        #expect(result.status == .exited(code: 0))
        // The broken pipe's SIGPIPE was taken back, and the mask is as it was.
        #expect(!Signals.pending.contains(SIGPIPE))
        #expect(Signals.currentMask == maskBefore)
    }

    @Test func unstartableCommandThrows() {
        #expect(throws: ProcessError.self) { try CommandRun(executable: "/usr/bin/nope", environment: []).run() }
    }
}
