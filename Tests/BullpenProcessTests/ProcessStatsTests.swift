import Glibc
import Testing

@testable import BullpenProcess

/// A `sleep` child, killed and reaped by `stop`.
private func sleeper() throws -> ChildProcess {
    try ChildProcess.spawn(SpawnOptions(executable: "/bin/sleep", arguments: ["30"], environment: []))
}

private func stop(_ child: ChildProcess) {
    try? child.send(signal: SIGKILL)
    _ = try? child.wait()
}

@Suite struct ProcessStatsTests {
    @Test func residentBytesOfAChildAndOfThisProcess() throws {
        let child = try sleeper()
        defer { stop(child) }
        // Right after exec the child has touched few pages yet, but some.
        let small = try ProcessStats.residentBytes(pid: child.pid)
        #expect(small > 0 && small < 64 * 1024 * 1024)
        #expect(small % 1024 == 0)

        let mine = try ProcessStats.residentBytes(pid: getpid())
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        // The peak, read afterwards, bounds the current size (the kernel updates the peak lazily, so allow a
        // few MiB of other threads' growth in between); a Swift test runner is well above 1 MiB.
        #expect(mine > 1024 * 1024)
        #expect(mine <= UInt64(usage.ru_maxrss) * 1024 + 16 * 1024 * 1024)
    }

    @Test func residentBytesOfAMissingProcessFails() {
        #expect(throws: ProcessError.self) { try ProcessStats.residentBytes(pid: Int32.max) }
    }

    @Test func startTimeOrdersProcesses() throws {
        let child = try sleeper()
        defer { stop(child) }
        let mine = try ProcessStats.startTime(pid: getpid())
        let its = try ProcessStats.startTime(pid: child.pid)
        #expect(its >= mine)
        #expect(try ProcessStats.startTime(pid: child.pid) == its)
        var uptime = timespec()
        clock_gettime(CLOCK_BOOTTIME, &uptime)
        #expect(its <= .seconds(uptime.tv_sec + 1))
    }
}
