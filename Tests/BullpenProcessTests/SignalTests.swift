import Glibc
import Testing

@testable import BullpenProcess

/// Blocks `signals` on the calling thread for the duration of `body`, then restores the mask.
///
/// Swift Testing runs tests on many threads: a signal sent to the process could land on any of them,
/// so these tests only send signals to the current thread (`pthread_kill`, `raise`) where they are blocked.
private func withBlocked<R>(_ signals: SignalSet, _ body: () throws -> R) throws -> R {
    let previous = try Signals.block(signals)
    defer { _ = try? Signals.setMask(previous) }
    return try body()
}

@Suite struct SignalTests {
    @Test func signalSetOperations() {
        var set: SignalSet = [SIGTERM, SIGINT]
        #expect(set.contains(SIGTERM) && set.contains(SIGINT) && !set.contains(SIGHUP))
        set.insert(SIGHUP)
        set.remove(SIGINT)
        #expect(set.signals == [SIGHUP, SIGTERM])
        #expect(set.description == "[SIGHUP, SIGTERM]")
        #expect(SignalSet().isEmpty)
        #expect(SignalSet.all.contains(SIGUSR2))
        #expect(set == SignalSet([SIGTERM, SIGHUP]))
    }

    @Test func masksChangeOnlyAsAsked() throws {
        // Pool threads start with most signals blocked already: set a known mask first.
        let original = try Signals.setMask([SIGHUP])
        defer { _ = try? Signals.setMask(original) }
        #expect(try Signals.block([SIGUSR1, SIGTERM]) == [SIGHUP])
        #expect(Signals.currentMask == [SIGHUP, SIGUSR1, SIGTERM])
        #expect(try Signals.unblock([SIGTERM]) == [SIGHUP, SIGUSR1, SIGTERM])
        #expect(Signals.currentMask == [SIGHUP, SIGUSR1])
    }

    @Test func waiterReceivesASignalSentToThisThread() throws {
        let signal = try withBlocked([SIGUSR1]) {
            pthread_kill(pthread_self(), SIGUSR1)
            return try SignalWaiter([SIGUSR1]).wait(timeout: .seconds(5))
        }
        #expect(signal == SIGUSR1)
    }

    @Test func waiterTimesOutWithNil() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let signal = try withBlocked([SIGALRM]) {
            try SignalWaiter([SIGALRM]).wait(timeout: .milliseconds(50))
        }
        #expect(signal == nil)
        #expect(start.duration(to: clock.now) >= .milliseconds(50))
    }

    @Test func waiterTakesOnlyItsOwnSignals() throws {
        let taken = try withBlocked([SIGUSR1, SIGVTALRM]) {
            pthread_kill(pthread_self(), SIGVTALRM)
            let other = try SignalWaiter([SIGUSR1]).wait(timeout: .zero)
            let own = try SignalWaiter([SIGVTALRM]).wait(timeout: .zero)
            return (other, own)
        }
        #expect(taken.0 == nil)
        #expect(taken.1 == SIGVTALRM)
    }

    @Test func sendRefusesGroupWideTargets() {
        #expect(throws: ProcessError.self) { try Signals.send(signal: SIGTERM, to: 0) }
        #expect(throws: ProcessError.self) { try Signals.send(signal: SIGTERM, to: -1) }
        #expect(throws: ProcessError.self) { try Signals.send(signal: SIGTERM, toProcessGroup: 1) }
        #expect(throws: ProcessError.self) { try Signals.send(signal: SIGTERM, toProcessGroup: 0) }
    }

    @Test func sendReachesAChild() throws {
        let child = try ChildProcess.spawn(SpawnOptions(executable: "/bin/sleep", arguments: ["30"], environment: []))
        try Signals.send(signal: SIGTERM, to: child.pid)
        #expect(try child.wait() == .signaled(signal: SIGTERM, coreDumped: false))
        #expect(throws: ProcessError.self) { try Signals.send(signal: SIGTERM, to: child.pid) }
    }

    @Test func processGroupKillReachesGrandchildren() throws {
        // The shell starts a grandchild in the same group, prints its pid and waits.
        var child = try ChildProcess.spawn(SpawnOptions(
            executable: "/bin/sh", arguments: ["-c", "/bin/sleep 30 & echo $!; wait"], environment: [],
            standardOutput: .pipe, processGroup: .new))
        defer { child.closeStreams() }
        var buffer = [UInt8](repeating: 0, count: 32)
        var line: [UInt8] = []
        while !line.contains(UInt8(ascii: "\n")), case let count = read(child.standardOutput!, &buffer, 32), count > 0 {
            line += buffer[0..<count]
        }
        let grandchild = try #require(pid_t(String(decoding: line, as: UTF8.self).split(separator: "\n").first ?? ""))
        #expect(getpgid(grandchild) == child.pid)

        #expect(try Signals.killProcessGroup(child.pid))
        #expect(try child.wait() == .signaled(signal: SIGKILL, coreDumped: false))
        #expect(try ExitWatcher.waitForExit(of: grandchild, timeout: .seconds(5)))
    }
}
