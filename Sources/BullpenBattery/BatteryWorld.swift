import BullpenCore
import BullpenProcess
import BullpenRedis
import BullpenTestSupport
import Foundation
import Synchronization

/// Everything one scenario runs in: a folder of its own, a private `redis-server` (AOF with `appendfsync
/// always`, SLOWLOG at 20 ms), the ledger file, and the supervisors it started. `tearDown()` stops all of
/// it; the folder stays when the scenario failed, for its logs.
public final class BatteryWorld: Sendable {
    /// The scenario's name (names the folder).
    public let scenario: String
    /// The scenario's folder.
    public let directory: String
    /// The ledger file the handlers append to.
    public let ledgerPath: String
    /// The battery app (`bullpen-battery-app`), run as supervisor and workers.
    public let app: String
    /// The key prefix of every queue of the battery.
    public let prefix = "battery"

    private struct State {
        var redis: RedisServer?
        var pool: RedisPool?
        var supervisors: [SupervisorUnderTest] = []
    }
    private let state = Mutex(State())

    /// Creates the folder of `scenario`; `app` is the battery app's path.
    public init(scenario: String, app: String) throws {
        self.scenario = scenario
        self.app = app
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("bullpen-battery-\(scenario)-\(UUID().uuidString.prefix(8))").path
        ledgerPath = directory + "/ledger"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw BatteryError(.setup, "unable to create the battery folder \(directory): \(error)")
        }
    }

    /// Starts the private Redis (appendonly yes, appendfsync always, slow log at 20 ms).
    @discardableResult
    public func startRedis() throws -> RedisServer {
        let server = try RedisServer(appendOnly: true, extra: ["--slowlog-log-slower-than", "20000", "--slowlog-max-len", "1024"])
        // Producers and checks reconnect for a while: several scenarios restart or stop Redis.
        let pool = RedisPool(server.configuration, size: 2, reconnect: RedisReconnectPolicy(giveUpAfter: 30))
        state.withLock {
            $0.redis = server
            $0.pool = pool
        }
        return server
    }

    /// The private Redis (after `startRedis()`).
    public var redis: RedisServer {
        guard let server = state.withLock({ $0.redis }) else { preconditionFailure("startRedis() first") }
        return server
    }

    /// The pool the scenario adds and inspects jobs with.
    public var pool: RedisPool {
        guard let pool = state.withLock({ $0.pool }) else { preconditionFailure("startRedis() first") }
        return pool
    }

    /// The queue `name` of the battery, on the scenario's pool.
    public func queue(_ name: String) throws -> Queue {
        try Queue(name, redis: pool, settings: QueueSettings(prefix: prefix))
    }

    /// Writes a topology file whose `redis` is the private server and whose `queues` are `queues` (YAML
    /// lines indented by two spaces); `settings` adds top-level lines. Returns its path.
    public func writeTopology(queues: String, settings: String = "", file: String = "bullpen.yaml") throws -> String {
        let text = """
            redis: \(redis.url)
            prefix: \(prefix)
            \(settings)
            queues:
            \(queues)
            """
        let path = directory + "/" + file
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Starts `bullpen-battery-app supervise --config config`, its output in `log` in the folder.
    public func startSupervisor(config: String, log: String = "supervisor.log") throws -> SupervisorUnderTest {
        let logPath = directory + "/" + log
        let fd = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BatteryError(.setup, "unable to open \(logPath)") }
        defer { close(fd) }
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(SpawnOptions(
                executable: app, arguments: ["supervise", "--config", config],
                environment: ["PATH=/usr/bin:/bin", "HOME=\(directory)", "\(LedgerWriter.variable)=\(ledgerPath)"],
                workingDirectory: directory, standardInput: .null, standardOutput: .fileDescriptor(fd),
                standardError: .fileDescriptor(fd)))
        } catch {
            throw BatteryError(.setup, "unable to start \(app) supervise: \(error)")
        }
        let supervisor = SupervisorUnderTest(pid: child.pid, logPath: logPath)
        state.withLock { $0.supervisors.append(supervisor) }
        return supervisor
    }

    /// Waits until `supervisor` runs `count` workers; returns them.
    public func waitForWorkers(of supervisor: SupervisorUnderTest, count: Int, timeout: Duration = .seconds(20)) async throws -> [WorkerInfo] {
        var workers: [WorkerInfo] = []
        let ready = await Poll.until(timeout: timeout, every: .milliseconds(20)) {
            workers = supervisor.workers
            return workers.count >= count
        }
        guard ready else {
            throw BatteryError(.timeout, "the supervisor ran \(workers.count) of \(count) workers after \(timeout); log: \(supervisor.log.suffix(800))")
        }
        return workers
    }

    /// The ledger as it is now.
    public var ledger: Ledger { Ledger(path: ledgerPath) }

    /// Adds jobs with the given ids (as `jobId`, so a retried add cannot duplicate), in batches of 1,000.
    public func addJobs(to queue: Queue, ids: [String], options: JobOptions = JobOptions(), work: (Int) -> BatteryWork) async throws {
        var start = 0
        while start < ids.count {
            let end = min(start + 1_000, ids.count)
            var batch: [NewJob] = []
            for index in start..<end {
                var jobOptions = options
                jobOptions.jobId = ids[index]
                batch.append(try NewJob("work", data: work(index), options: jobOptions))
            }
            _ = try await queue.addBulk(batch)
            start = end
        }
    }

    /// Adds `count` jobs dealt over `queues` (ids `<queue>-<n>`), their durations spread over `ms`;
    /// returns the ids by queue.
    public func addSpread(_ count: Int, over queues: [String], ms: ClosedRange<Int>) async throws -> [String: [String]] {
        var ids: [String: [String]] = [:]
        for (number, name) in queues.enumerated() {
            let share = count / queues.count + (number < count % queues.count ? 1 : 0)
            ids[name] = (0..<share).map { "\(name)-\($0)" }
            try await addJobs(to: try queue(name), ids: ids[name]!) { BatteryWork.spread($0, over: ms) }
        }
        return ids
    }

    /// The ids in one of a queue's sorted sets (`completed`, `failed`, `active` ...), read directly.
    public func ids(in key: KeyPath<QueueKeys, String>, of queue: String) async throws -> [String] {
        let keys = QueueKeys(queue: queue, prefix: prefix)
        let reply = try await pool.client().send(["ZRANGE", keys[keyPath: key], "0", "-1"], idempotent: true)
        return (reply.array ?? []).compactMap(\.string)
    }

    /// The completed jobs of `queues` together (a queue Redis cannot answer for now counts 0: several
    /// scenarios ask during an outage).
    public func completedCount(in queues: [String]) async -> Int {
        var done = 0
        for name in queues { done += (try? await queue(name).counts().completed) ?? 0 }
        return done
    }

    /// Of `ids` (by queue), those not in their queue's completed set.
    public func notCompleted(_ ids: [String: [String]]) async throws -> [String: [String]] {
        var missing: [String: [String]] = [:]
        for (name, list) in ids {
            let completed = Set(try await self.ids(in: \.completed, of: name))
            missing[name] = list.filter { !completed.contains($0) }
        }
        return missing
    }

    /// Stops every supervisor (SIGKILL, then their remaining children) and Redis; removes the folder when
    /// `keepFolder` is false.
    public func tearDown(keepFolder: Bool) async {
        let supervisors = state.withLock { $0.supervisors }
        for supervisor in supervisors {
            let children = supervisor.children
            kill(supervisor.pid, SIGKILL)
            for child in children { kill(child.pid, SIGKILL) }
            _ = supervisor.reap()
        }
        // Workers tied to a killed supervisor may outlive it by a moment; none may outlive the battery.
        for process in ProcessTable.all() where process.arguments.contains(where: { $0.hasPrefix(directory) }) {
            kill(process.pid, SIGKILL)
        }
        if let pool = state.withLock({ $0.pool }) { await pool.close() }
        let redis = state.withLock { $0.redis }
        redis?.stop(signal: SIGKILL)
        if !keepFolder {
            try? FileManager.default.removeItem(atPath: directory)
            if let redis { try? FileManager.default.removeItem(atPath: redis.directory) }
        }
    }

    /// Milliseconds since 1970, the ledger's clock.
    public static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
