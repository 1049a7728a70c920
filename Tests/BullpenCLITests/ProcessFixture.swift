import BullpenProcess
import Foundation
import Glibc

/// A long-running `bullpen` process of a test (a supervisor or a worker), its output in a file of the
/// test's folder, stopped (SIGKILL) by `kill()` if the test does not stop it itself.
struct BullpenProcessUnderTest {
    let pid: pid_t
    let logPath: String

    /// Starts `bullpen arguments` in `world`'s folder.
    static func start(_ arguments: [String], in world: CLIWorld, log name: String, executable: String? = nil,
                      environment: [String] = [], processGroup: ProcessGroupPlacement = .inherit) throws -> BullpenProcessUnderTest {
        let logPath = world.directory + "/" + name
        let log = open(logPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        defer { close(log) }
        let child = try ChildProcess.spawn(SpawnOptions(
            executable: try executable ?? BullpenExecutable.path, arguments: arguments,
            environment: ["PATH=/usr/bin:/bin", "HOME=\(world.directory)"] + environment, workingDirectory: world.directory,
            standardInput: .null, standardOutput: .fileDescriptor(log), standardError: .fileDescriptor(log),
            processGroup: processGroup))
        return BullpenProcessUnderTest(pid: child.pid, logPath: logPath)
    }

    /// Everything the process wrote so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends a signal.
    func signal(_ number: Int32) { Glibc.kill(pid, number) }

    /// Waits up to `timeout` for the process to exit and returns its status (nil: still running).
    func waitForExit(timeout: Duration) async -> TerminationStatus? {
        let end = ContinuousClock.now + timeout
        while ContinuousClock.now < end {
            if let status = try? Reaper.reap(pid: pid) { return status }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return try? Reaper.reap(pid: pid)
    }

    /// Kills it (and waits), for clean-up.
    func kill() {
        Glibc.kill(pid, SIGKILL)
        _ = try? Reaper.wait(pid: pid)
    }
}

/// The pids of live processes whose command line contains `text`.
func processes(matching text: String) -> [pid_t] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { pid_t($0) }.filter { pid in
        guard let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: " ").dropFirst(2).first
        return state != "Z" && String(decoding: raw.map { $0 == 0 ? 32 : $0 }, as: UTF8.self).contains(text)
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(15), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let end = ContinuousClock.now + timeout
    while ContinuousClock.now < end {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(25))
    }
    return try await condition()
}
