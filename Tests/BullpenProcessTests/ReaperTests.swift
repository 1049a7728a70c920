import Glibc
import Testing

@testable import BullpenProcess

/// Spawns `/bin/sh -c script` into `group`.
///
/// The reap-any tests reap only inside a process group of their own: `waitpid(-1)` would take the
/// children of tests running in parallel.
private func spawnShell(_ script: String, group: ProcessGroupPlacement) throws -> ChildProcess {
    try ChildProcess.spawn(SpawnOptions(executable: "/bin/sh", arguments: ["-c", script], environment: [], processGroup: group))
}

@Suite struct ReaperTests {
    @Test func reapAnyTakesEndedChildrenOfAGroupUntilNoneIsLeft() throws {
        let leader = try spawnShell("exec /bin/sleep 30", group: .new)
        defer {
            _ = try? Signals.killProcessGroup(leader.pid)
            _ = Reaper.reapAny(processGroup: leader.pid)
        }
        let first = try spawnShell("exit 4", group: .join(leader.pid))
        let second = try spawnShell("kill -9 $$", group: .join(leader.pid))
        #expect(try ExitWatcher.waitForExit(of: first.pid, timeout: .seconds(5)))
        #expect(try ExitWatcher.waitForExit(of: second.pid, timeout: .seconds(5)))

        let reaped = Reaper.reapAny(processGroup: leader.pid)
        #expect(Set(reaped) == [
            ReapedChild(pid: first.pid, status: .exited(code: 4)),
            ReapedChild(pid: second.pid, status: .signaled(signal: SIGKILL, coreDumped: false)),
        ])
        // The leader still runs: nothing more to take, and no blocking.
        #expect(Reaper.reapAny(processGroup: leader.pid).isEmpty)

        try Signals.send(signal: SIGTERM, to: leader.pid)
        #expect(try ExitWatcher.waitForExit(of: leader.pid, timeout: .seconds(5)))
        #expect(Reaper.reapAny(processGroup: leader.pid) == [ReapedChild(pid: leader.pid, status: .signaled(signal: SIGTERM, coreDumped: false))])
    }

    @Test func reapOfARunningChildIsNilThenTheStatus() throws {
        let child = try spawnShell("exec /bin/sleep 30", group: .inherit)
        #expect(try child.reap() == nil)
        try child.send(signal: SIGKILL)
        #expect(try ExitWatcher.waitForExit(of: child.pid, timeout: .seconds(5)))
        #expect(try child.reap() == .signaled(signal: SIGKILL, coreDumped: false))
        // Reaped: the pid is no child of ours any more.
        #expect(throws: ProcessError.self) { try child.reap() }
    }

    @Test func waitBlocksUntilTheEnd() throws {
        let child = try spawnShell("exit 7", group: .inherit)
        #expect(try child.wait() == .exited(code: 7))
    }

    @Test func exitWatcherTimesOutOnARunningProcess() throws {
        let child = try spawnShell("exec /bin/sleep 30", group: .inherit)
        defer {
            try? child.send(signal: SIGKILL)
            _ = try? child.wait()
        }
        #expect(try ExitWatcher.waitForExit(of: child.pid, timeout: .milliseconds(50)) == false)
    }
}
