import BullpenProcess
import Foundation
import Glibc
import Testing

/// A supervisor under test: `BullpenSupervisorTestHost supervise` on a topology in a temporary folder,
/// in a process group of its own (so that cleanup can kill it with all its workers), with its log in a
/// file and its hooks and fake workers writing `kind|key=value|…|t=<monotonic ms>` lines to an events file.
final class SupervisorHost {
    /// One line of the events file.
    struct Event: CustomStringConvertible {
        let kind: String
        let fields: [String: String]

        subscript(_ key: String) -> String? { fields[key] }
        /// CLOCK_MONOTONIC milliseconds when it was written.
        var time: Int64 { Int64(fields["t"] ?? "") ?? 0 }
        var pid: pid_t { pid_t(fields["pid"] ?? "") ?? 0 }
        /// The slot and generation from the worker id (`host:supervisor:queue:slot:generation`).
        var slot: Int { Int(fields["worker"]?.split(separator: ":").dropLast().last ?? "") ?? -1 }
        var generation: Int { Int(fields["worker"]?.split(separator: ":").last ?? "") ?? -1 }
        var description: String { "\(kind) \(fields)" }
    }

    struct Timeout: Error, CustomStringConvertible {
        let description: String
    }

    let directory: String
    let topologyPath: String
    let eventsPath: String
    let logPath: String
    let process: ChildProcess
    private(set) var exitStatus: TerminationStatus?

    /// The host binary, next to the test bundle in the build products folder.
    static var executable: String {
        let bundle = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return URL(fileURLWithPath: bundle).deletingLastPathComponent().appendingPathComponent("BullpenSupervisorTestHost").path
    }

    /// Writes `topology` and starts the host with `arguments` after the standard ones.
    init(topology: String, arguments: [String] = [], environment: [String: String?] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bullpen-sup-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        topologyPath = directory + "/bullpen.yaml"
        eventsPath = directory + "/events"
        logPath = directory + "/log"
        try topology.write(toFile: topologyPath, atomically: true, encoding: .utf8)
        let logFD = open(logPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        defer { close(logFD) }
        var changes: [String: String?] = ["NOTIFY_SOCKET": nil, "WATCHDOG_USEC": nil, "WATCHDOG_PID": nil]
        changes.merge(environment) { $1 }
        process = try ChildProcess.spawn(SpawnOptions(
            executable: Self.executable, arguments: ["supervise", topologyPath, "--events", eventsPath] + arguments,
            environment: ProcessEnvironment.updating(ProcessEnvironment.current(), with: changes),
            standardInput: .null, standardOutput: .fileDescriptor(logFD), standardError: .fileDescriptor(logFD),
            processGroup: .new))
    }

    deinit {
        // Whatever the test did: no host, worker or redis-server of this test survives it.
        _ = try? Signals.killProcessGroup(process.pid)
        if exitStatus == nil { _ = try? process.wait() }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Replaces the topology file (for a reload).
    func writeTopology(_ text: String) throws {
        try text.write(toFile: topologyPath, atomically: true, encoding: .utf8)
    }

    func send(_ signal: Int32) throws {
        try process.send(signal: signal)
    }

    /// The supervisor's log so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Every event so far, optionally only those of one kind.
    func events(_ kind: String? = nil) -> [Event] {
        let text = (try? String(contentsOfFile: eventsPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "|", omittingEmptySubsequences: false)
            guard let first = parts.first else { return nil }
            var fields: [String: String] = [:]
            for part in parts.dropFirst() {
                guard let equals = part.firstIndex(of: "=") else { continue }
                fields[String(part[..<equals])] = String(part[part.index(after: equals)...])
            }
            let event = Event(kind: String(first), fields: fields)
            return kind == nil || event.kind == kind ? event : nil
        }
    }

    /// Spawn events of one queue, in order.
    func spawns(_ queue: String) -> [Event] {
        events("spawn").filter { $0["queue"] == queue }
    }

    /// Exit reports of one queue, in order.
    func exits(_ queue: String) -> [Event] {
        events("exit").filter { $0["queue"] == queue }
    }

    /// Polls `probe` until it returns a value, failing after `timeout` with the log attached.
    @discardableResult
    func waitFor<T>(
        _ what: String, timeout: Duration = .seconds(10), _ probe: () throws -> T?
    ) async throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            if let value = try probe() { return value }
            if clock.now >= deadline {
                throw Timeout(description: "timed out after \(timeout) waiting for \(what)\n--- log\n\(log)\n--- events\n\(events().map(\.description).joined(separator: "\n"))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until the log has a line containing `text`.
    func waitForLog(_ text: String, timeout: Duration = .seconds(10)) async throws {
        try await waitFor("log line \(text)", timeout: timeout) { log.contains(text) ? true : nil }
    }

    /// Waits until `count` fake workers have recorded their start: only then have they blocked SIGTERM
    /// and armed their parent-death signal (a worker still starting dies of a SIGTERM).
    @discardableResult
    func waitForWorkers(_ count: Int, timeout: Duration = .seconds(10)) async throws -> [Event] {
        try await waitFor("\(count) workers started", timeout: timeout) {
            let spawns = events("spawn")
            return spawns.count >= count ? spawns : nil
        }
    }

    /// Waits until the host exited, reaps it, and returns how.
    func waitForExit(timeout: Duration = .seconds(10)) async throws -> TerminationStatus {
        if let exitStatus { return exitStatus }
        let status = try await waitFor("the supervisor to exit", timeout: timeout) { try process.reap() }
        exitStatus = status
        return status
    }

    /// The host's live children (not zombies) with the queue in their `--queue` argument
    /// (`redis-server` for the embedded server).
    func children() -> [(pid: pid_t, queue: String)] {
        let list = (try? String(contentsOfFile: "/proc/\(process.pid)/task/\(process.pid)/children", encoding: .utf8)) ?? ""
        return list.split(separator: " ").compactMap { pid_t($0) }.compactMap { pid in
            guard Self.isAlive(pid), let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let argv = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if let index = argv.firstIndex(of: "--queue"), index + 1 < argv.count { return (pid, argv[index + 1]) }
            return (pid, argv.first { $0.contains("redis-server") } != nil ? "redis-server" : "?")
        }
    }

    /// True while `pid` exists and is not a zombie.
    static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)...].prefix(1)
        return state != "Z" && state != "X"
    }
}
