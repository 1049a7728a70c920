import BullpenProcess
import Glibc
import Testing

/// SIGUSR2: every worker replaced, slot by slot, without a queue ever dropping to no process.
@Suite struct RollingRestartTests {
    @Test func everyWorkerIsReplacedWhileEachQueueKeepsALiveProcess() async throws {
        let host = try SupervisorHost(topology: """
            redis: redis://127.0.0.1:1/0
            stop_timeout: 5s
            queues:
              sleep-a: { processes: 2 }
              sleep-b: { processes: 1 }
            """)
        try await host.waitForLog("bullpen: info: ready: 3 running")
        let old = try await host.waitForWorkers(3)
        try host.send(SIGUSR2)

        // Sample the host's children from /proc until both rollouts are done.
        var samples = 0
        var emptied: [String] = []
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(10))
        while clock.now < deadline {
            let children = host.children()
            for queue in ["sleep-a", "sleep-b"] where !children.contains(where: { $0.queue == queue }) {
                emptied.append(queue)
            }
            samples += 1
            let log = host.log
            if log.contains("queue sleep-a: rolling restart done") && log.contains("queue sleep-b: rolling restart done") { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(samples > 0)
        #expect(emptied.isEmpty)
        try await host.waitForLog("queue sleep-a: rolling restart done", timeout: .zero)
        try await host.waitForLog("queue sleep-b: rolling restart done", timeout: .zero)
        #expect(host.log.contains("SIGUSR2: rolling restart of 3 workers"))

        let spawns = try await host.waitForWorkers(6)
        #expect(spawns.count == 6)
        #expect(Set(host.events("exit").map(\.pid)) == Set(old.map(\.pid)))
        // Each old worker got SIGTERM only after its replacement had started.
        let terms = host.events("term")
        for queue in ["sleep-a", "sleep-b"] {
            for old in old.filter({ $0["queue"] == queue }) {
                let new = try #require(spawns.first { $0["queue"] == queue && $0.slot == old.slot && $0.generation == 2 })
                let term = try #require(terms.first { $0.pid == old.pid })
                // The replacement was up before the old worker was told to stop (the supervisor waits its
                // 300ms start window; the recorded times lag their events a little on a loaded machine).
                #expect(term.time - new.time > 0)
            }
        }

        try host.send(SIGTERM)
        #expect(try await host.waitForExit() == .exited(code: 0))
    }
}
