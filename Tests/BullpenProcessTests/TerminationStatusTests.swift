import CBullpenSystem
import Glibc
import Testing

@testable import BullpenProcess

/// Runs `/bin/sh -c script` to its end and returns how it ended.
private func statusOf(_ script: String) throws -> TerminationStatus {
    let child = try ChildProcess.spawn(SpawnOptions(
        executable: "/bin/sh", arguments: ["-c", script], environment: ["PATH=/usr/bin:/bin"],
        standardOutput: .null, standardError: .null))
    return try child.wait()
}

@Suite struct TerminationStatusTests {
    @Test(arguments: [
        ("exit 0", TerminationStatus.exited(code: 0)),
        ("exit 3", .exited(code: 3)),
        ("exit 255", .exited(code: 255)),
        ("kill -9 $$", .signaled(signal: SIGKILL, coreDumped: false)),
        ("kill -TERM $$", .signaled(signal: SIGTERM, coreDumped: false)),
    ])
    func decodesRealChildren(script: String, expected: TerminationStatus) throws {
        #expect(try statusOf(script) == expected)
    }

    @Test(arguments: [
        (TerminationStatus.exited(code: 3), "exited with status 3"),
        (.signaled(signal: 9, coreDumped: false), "killed by signal 9 (SIGKILL)"),
        (.signaled(signal: 6, coreDumped: true), "killed by signal 6 (SIGABRT), core dumped"),
        (.signaled(signal: 99, coreDumped: false), "killed by signal 99"),
    ])
    func describes(status: TerminationStatus, text: String) {
        #expect(status.description == text)
    }

    @Test func decodesRawWaitStatuses() {
        // The layouts Linux uses: code << 8 for an exit, the signal (| 0x80 for a core) for a kill.
        #expect(TerminationStatus(waitStatus: 3 << 8) == .exited(code: 3))
        #expect(TerminationStatus(waitStatus: 9) == .signaled(signal: 9, coreDumped: false))
        #expect(TerminationStatus(waitStatus: 6 | 0x80) == .signaled(signal: 6, coreDumped: true))
        #expect(TerminationStatus(waitStatus: (SIGSTOP << 8) | 0x7f) == nil)
    }

    @Test func shellCodeAndSuccess() {
        #expect(TerminationStatus.exited(code: 0).isSuccess)
        #expect(!TerminationStatus.exited(code: 1).isSuccess)
        #expect(TerminationStatus.signaled(signal: SIGKILL, coreDumped: false).shellCode == 137)
    }

    @Test func namesSignals() {
        #expect(SignalName.of(SIGTERM) == "SIGTERM")
        #expect(SignalName.of(SIGCHLD) == "SIGCHLD")
        #expect(SignalName.of(bullpen_sigrtmin() + 2) == "SIGRTMIN+2")
        #expect(SignalName.of(0) == nil)
        #expect(SignalName.number("term") == SIGTERM)
        #expect(SignalName.number("SIGHUP") == SIGHUP)
        #expect(SignalName.number("NOPE") == nil)
    }
}
