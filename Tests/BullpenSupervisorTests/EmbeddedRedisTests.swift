import BullpenProcess
import BullpenSupervisor
import Foundation
import Glibc
import Testing

/// `redis: embedded`: a private redis-server started before the workers, restarted when killed, stopped
/// after them, and gone with a killed supervisor.
@Suite struct EmbeddedRedisTests {
    private static let topology = """
        redis: embedded
        embedded_redis: { dir: redis-data }
        stop_timeout: 5s
        restart: { backoff_start: 100ms, quick_death: 1s }
        queues:
          sleep: { processes: 1 }
        """

    /// The redis-server pid from the latest status snapshot that shows it running.
    private func runningRedis(_ host: SupervisorHost) -> pid_t? {
        guard let redis = host.events("status").last?["redis"], redis.hasPrefix("running:") else { return nil }
        return pid_t(redis.dropFirst("running:".count))
    }

    @Test func startsBeforeTheWorkersAndStopsAfterThem() async throws {
        let host = try SupervisorHost(topology: Self.topology)
        let socket = host.directory + "/redis-data/redis.sock"
        let worker = try await host.waitFor("the worker") { host.spawns("sleep").first }
        #expect(worker["argv"]?.hasSuffix("--redis unix://\(socket)") == true)
        #expect(host.events("check").first?["redis"] == "unix://\(socket)")
        #expect(RedisPing.ping(socketPath: socket) == .pong)
        let redis = try await host.waitFor("redis-server running") { runningRedis(host) }
        #expect(host.children().contains { $0.pid == redis && $0.queue == "redis-server" })
        // Data with AOF on, in the folder next to the topology file.
        #expect(FileManager.default.fileExists(atPath: host.directory + "/redis-data/appendonlydir"))

        try host.send(SIGTERM)
        #expect(try await host.waitForExit() == .exited(code: 0))
        let log = host.log
        let workerStopped = try #require(log.range(of: "queue sleep slot 0: worker pid \(worker.pid) stopped"))
        let redisStopping = try #require(log.range(of: "stopping redis-server pid \(redis)"))
        #expect(workerStopped.lowerBound < redisStopping.lowerBound)
        #expect(log.contains("redis-server pid \(redis) stopped (exited with status 0)"))
        #expect(!SupervisorHost.isAlive(redis))
    }

    @Test func aKilledRedisIsRestartedAndAKilledSupervisorTakesItAlong() async throws {
        let host = try SupervisorHost(topology: Self.topology)
        let socket = host.directory + "/redis-data/redis.sock"
        try await host.waitForLog("bullpen: info: ready: 1 running")
        let first = try #require(runningRedis(host))
        try Signals.send(signal: SIGKILL, to: first)
        try await host.waitForLog("redis-server pid \(first) killed by signal 9 (SIGKILL)")
        let second = try await host.waitFor("a new redis-server") { runningRedis(host).flatMap { $0 == first ? nil : $0 } }
        #expect(RedisPing.ping(socketPath: socket) == .pong)
        let worker = try #require(try await host.waitForWorkers(1).first?.pid)
        #expect(host.spawns("sleep").count == 1)

        try host.send(SIGKILL)
        _ = try await host.waitForExit()
        // redis-server was started through the parent-death trampoline, the worker armed it itself.
        try await host.waitFor("redis-server and the worker to die with the supervisor") {
            !SupervisorHost.isAlive(second) && !SupervisorHost.isAlive(worker) ? true : nil
        }
    }

    @Test func aSecondSupervisorOnTheSameDataFolderRefusesToStart() async throws {
        let first = try SupervisorHost(topology: Self.topology)
        try await first.waitForLog("bullpen: info: ready: 1 running")
        let folder = first.directory + "/redis-data"
        let second = try SupervisorHost(
            topology: Self.topology.replacingOccurrences(of: "dir: redis-data", with: "dir: \(folder)"))
        #expect(try await second.waitForExit() == .exited(code: 75))
        #expect(second.log.contains("bullpen: fatal: a redis-server already answers on \(folder)/redis.sock"))
        #expect(second.events("spawn").isEmpty)
        #expect(RedisPing.ping(socketPath: folder + "/redis.sock") == .pong)
        try first.send(SIGTERM)
        #expect(try await first.waitForExit() == .exited(code: 0))
    }
}
