import BullpenProcess
import Glibc
import Testing

/// Deaths and restarts: crashes, quick deaths ending in `fatal`, recycling by exit code and by memory.
@Suite struct WorkerRestartTests {
    /// A topology whose Redis is never contacted (the test host's startup check does not connect).
    private func topology(restart: String, queues: String) -> String {
        """
        redis: redis://127.0.0.1:1/0
        stop_timeout: 5s
        restart: \(restart)
        queues:
        \(queues)
        """
    }

    @Test func aKilledWorkerIsRestartedAndItsExitReportedEvenWhenTheObserverRefusesAtFirst() async throws {
        let host = try SupervisorHost(
            topology: topology(restart: "{ backoff_start: 100ms, quick_death: 1s }", queues: "  sleep: { processes: 1 }"),
            arguments: ["--observer-failures", "1"])
        let first = try await host.waitFor("the first worker") { host.spawns("sleep").first }
        try Signals.send(signal: SIGKILL, to: first.pid)

        let exit = try await host.waitFor("the exit report") { host.exits("sleep").first }
        #expect(exit.pid == first.pid)
        #expect(exit["status"] == "killed by signal 9 (SIGKILL)")
        #expect(exit["crash"] == "true")
        #expect(exit["drain"] == "false")
        #expect(exit["killed"] == "false")
        #expect(exit["reason"] == "worker killed by signal 9 (SIGKILL)")
        // The refused report came first, and the same worker's exit was delivered on a later turn.
        #expect(host.events("refused").map { $0["worker"] } == [first["worker"]])
        let second = try await host.waitFor("a new worker") { host.spawns("sleep").dropFirst().first }
        #expect(second.pid != first.pid)
        #expect(second["worker"] != first["worker"])

        try host.send(SIGTERM)
        #expect(try await host.waitForExit() == .exited(code: 0))
    }

    @Test func quickDeathsBackOffAndEndInFatalWhileOtherSlotsGoOn() async throws {
        let host = try SupervisorHost(topology: topology(
            restart: "{ backoff_start: 200ms, backoff_max: 2s, fatal_after: 3, quick_death: 5s }",
            queues: "  crash: { processes: 1 }\n  sleep: { processes: 1 }"))
        try await host.waitForLog(
            "bullpen: fatal: queue crash slot 0: worker exited with status 1 3 times in a row within 5s of starting; giving up")
        let spawns = host.spawns("crash")
        #expect(spawns.count == 3)
        if spawns.count == 3 {
            let gaps = zip(spawns.dropFirst(), spawns).map { $0.time - $1.time }
            #expect(gaps[0] >= 200)
            #expect(gaps[1] >= 400)
        }
        #expect(host.exits("crash").allSatisfy { $0["status"] == "exited with status 1" && $0["crash"] == "true" })
        try await host.waitFor("the sleep slot running beside the fatal one") {
            host.events("status").last { $0["slots"]?.contains("sleep:0:running") == true && $0["slots"]?.contains("crash:0:fatal") == true }
        }

        try host.send(SIGTERM)
        #expect(try await host.waitForExit() == .exited(code: 0))
        #expect(host.spawns("crash").count == 3)
    }

    @Test func aWorkerExitingZeroRecyclesAtOnceWithoutCountingADeath() async throws {
        // backoff_start 5s would show in the gaps, and fatal_after 2 would stop the slot, if recycling
        // counted as a death.
        let host = try SupervisorHost(topology: topology(
            restart: "{ backoff_start: 5s, backoff_max: 5s, fatal_after: 2, quick_death: 10s }",
            queues: "  recycle: { processes: 1 }"))
        let spawns = try await host.waitFor("three generations", timeout: .seconds(15)) {
            let spawns = host.spawns("recycle")
            return spawns.count >= 3 ? spawns : nil
        }
        let recycles = host.events("recycle")
        for (recycle, next) in zip(recycles, spawns.dropFirst()) {
            #expect(next.time - recycle.time < 1000)
        }
        #expect(!host.log.contains("bullpen: fatal:"))
        #expect(host.exits("recycle").prefix(2).allSatisfy { $0["status"] == "exited with status 0" && $0["crash"] == "false" && $0["drain"] == "false" })
        #expect(host.log.contains("recycled itself"))

        try host.send(SIGTERM)
        #expect(try await host.waitForExit() == .exited(code: 0))
    }

    @Test func aWorkerAboveMaxMemoryIsReplacedNewOneFirst() async throws {
        let host = try SupervisorHost(
            topology: topology(restart: "{ quick_death: 1s }", queues: "  hog: { processes: 1, max_memory: 100MiB }"),
            arguments: ["--memory-check", "200ms"])
        let first = try await host.waitFor("the first worker") { host.spawns("hog").first }
        let exit = try await host.waitFor("the first worker's exit") { host.exits("hog").first { $0.pid == first.pid } }
        #expect(exit["drain"] == "true")
        #expect(exit["status"] == "exited with status 0")
        let second = try #require(host.spawns("hog").dropFirst().first)
        let term = try #require(host.events("term").first { $0.pid == first.pid })
        #expect(second.time <= term.time)
        #expect(host.log.contains("queue hog slot 0: replacing worker pid \(first.pid) (resident memory"))
        #expect(host.log.contains("above max_memory 100MiB)"))

        try host.send(SIGTERM)
        #expect(try await host.waitForExit() == .exited(code: 0))
    }
}
