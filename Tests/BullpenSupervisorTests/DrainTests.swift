import BullpenProcess
import Glibc
import Testing

/// SIGTERM/SIGINT: drain within the stop timeout, SIGKILL at the deadline, a second signal, and a
/// supervisor killed outright.
@Suite struct DrainTests {
    private func topology(stopTimeout: String, queues: String) -> String {
        """
        redis: redis://127.0.0.1:1/0
        stop_timeout: \(stopTimeout)
        queues:
        \(queues)
        """
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func drainStopsWorkersThatExitOnTerm(signal: Int32) async throws {
        let host = try SupervisorHost(topology: topology(stopTimeout: "10s", queues: "  sleep: { processes: 2 }"))
        try await host.waitForLog("bullpen: info: ready: 2 running")
        try await host.waitForWorkers(2)
        let clock = ContinuousClock()
        let start = clock.now
        try host.send(signal)
        #expect(try await host.waitForExit() == .exited(code: 0))
        #expect(start.duration(to: clock.now) < .seconds(5))
        #expect(host.log.contains("draining 2 workers (stop_timeout 10s)"))
        let exits = host.exits("sleep")
        #expect(exits.count == 2)
        #expect(exits.allSatisfy { $0["drain"] == "true" && $0["killed"] == "false" && $0["status"] == "exited with status 0" })
    }

    @Test func aWorkerIgnoringTermIsKilledAtTheDeadline() async throws {
        let host = try SupervisorHost(topology: topology(
            stopTimeout: "5s", queues: "  stubborn: { processes: 1, stop_timeout: 1s }\n  sleep: { processes: 1 }"))
        try await host.waitForLog("bullpen: info: ready: 2 running")
        try await host.waitForWorkers(2)
        let clock = ContinuousClock()
        let start = clock.now
        try host.send(SIGTERM)
        #expect(try await host.waitForExit() == .exited(code: 0))
        let took = start.duration(to: clock.now)
        #expect(took >= .seconds(1))
        #expect(took < .seconds(3))
        #expect(host.log.contains("draining 2 workers (stop_timeout 1s to 5s)"))
        let stubborn = try #require(host.exits("stubborn").first)
        #expect(stubborn["status"] == "killed by signal 9 (SIGKILL)")
        #expect(stubborn["killed"] == "true")
        #expect(stubborn["crash"] == "false")
        #expect(host.exits("sleep").first?["killed"] == "false")
    }

    @Test func aSecondTermKillsEverythingAtOnce() async throws {
        let host = try SupervisorHost(topology: topology(stopTimeout: "30s", queues: "  stubborn: { processes: 2 }"))
        try await host.waitForLog("bullpen: info: ready: 2 running")
        try await host.waitForWorkers(2)
        try host.send(SIGTERM)
        try await host.waitFor("both workers told to stop") { host.events("term").count >= 2 ? true : nil }
        let clock = ContinuousClock()
        let start = clock.now
        try host.send(SIGTERM)
        #expect(try await host.waitForExit() == .exited(code: 0))
        #expect(start.duration(to: clock.now) < .seconds(2))
        #expect(host.log.contains("SIGTERM again: killing 2 workers now"))
        #expect(host.exits("stubborn").map { $0["killed"] } == ["true", "true"])
    }

    @Test func aKilledSupervisorLeavesNoWorkerBehind() async throws {
        let host = try SupervisorHost(topology: topology(stopTimeout: "30s", queues: "  sleep: { processes: 2 }"))
        let workers = try await host.waitForWorkers(2).map(\.pid)
        #expect(workers.count == 2)
        #expect(workers.allSatisfy(SupervisorHost.isAlive))
        try host.send(SIGKILL)
        #expect(try await host.waitForExit() == .signaled(signal: SIGKILL, coreDumped: false))
        // Each worker armed PR_SET_PDEATHSIG (SIGTERM) itself, as the real worker does.
        try await host.waitFor("the orphaned workers to die") { workers.allSatisfy { !SupervisorHost.isAlive($0) } ? true : nil }
        #expect(host.events("term").count == 2)
    }

    @Test func anInvalidTopologyAtStartExits78WithEveryProblem() async throws {
        let host = try SupervisorHost(topology: "stop_timeout: soon\nqueues:\n  emails: { procesess: 1 }\n")
        #expect(try await host.waitForExit() == .exited(code: 78))
        #expect(host.log.contains("bullpen: fatal: invalid topology"))
        #expect(host.log.contains("bullpen.yaml:1:"))
        #expect(host.log.contains("bullpen.yaml:3:"))
        #expect(host.events("spawn").isEmpty)
    }

    @Test func anUnreachableRedisAtStartExits75() async throws {
        let host = try SupervisorHost(
            topology: topology(stopTimeout: "5s", queues: "  sleep: { processes: 1 }"), arguments: ["--failing-check"])
        #expect(try await host.waitForExit() == .exited(code: 75))
        #expect(host.log.contains("bullpen: fatal: Redis at redis://127.0.0.1:1/0 is unreachable: connection refused (test)"))
        #expect(host.events("spawn").isEmpty)
    }
}
