import BullpenProcess
import Glibc
import Testing

/// SIGHUP: only the difference is applied; a broken file changes nothing.
@Suite struct ReloadTests {
    private static let before = """
        redis: redis://127.0.0.1:1/0
        stop_timeout: 5s
        queues:
          sleep-keep: { processes: 1 }
          sleep-grow: { processes: 1 }
          sleep-gone: { processes: 1 }
          sleep-change: { processes: 2, concurrency: 1 }
        """

    @Test func aValidChangeAppliesOnlyTheDifference() async throws {
        let host = try SupervisorHost(topology: Self.before)
        try await host.waitForLog("bullpen: info: ready: 5 running")
        try await host.waitForWorkers(5)
        let keep = try #require(host.spawns("sleep-keep").first)
        let grow = try #require(host.spawns("sleep-grow").first)
        let gone = try #require(host.spawns("sleep-gone").first)
        let changeOld = host.spawns("sleep-change")
        #expect(changeOld.count == 2)

        try host.writeTopology("""
            redis: redis://127.0.0.1:1/0
            stop_timeout: 5s
            queues:
              sleep-keep: { processes: 1 }
              sleep-grow: { processes: 2 }
              sleep-change: { processes: 2, concurrency: 2 }
              sleep-new: { processes: 1 }
            """)
        try host.send(SIGHUP)
        try await host.waitForLog(
            "bullpen: info: reload: start sleep-new (1 process), +1 sleep-grow process, drain sleep-gone, restart sleep-change (concurrency 1 -> 2)")
        try await host.waitForLog("queue sleep-change: rolling restart done")
        try await host.waitFor("the removed queue drained") { host.exits("sleep-gone").first }
        try await host.waitForWorkers(9)

        #expect(host.spawns("sleep-keep").map(\.pid) == [keep.pid])
        #expect(host.spawns("sleep-grow").count == 2)
        #expect(host.spawns("sleep-grow").first?.pid == grow.pid)
        #expect(host.spawns("sleep-new").count == 1)
        #expect(host.exits("sleep-gone").map(\.pid) == [gone.pid])
        #expect(host.exits("sleep-keep").isEmpty && host.exits("sleep-grow").isEmpty)
        // sleep-change: both old workers replaced, one slot at a time, each new one first.
        let changeSpawns = host.spawns("sleep-change")
        let changeExits = host.exits("sleep-change")
        #expect(changeSpawns.count == 4)
        #expect(Set(changeExits.map(\.pid)) == Set(changeOld.map(\.pid)))
        #expect(changeExits.allSatisfy { $0["drain"] == "true" && $0["crash"] == "false" })
        let terms = host.events("term")
        for slot in 0..<2 {
            let old = try #require(changeSpawns.first { $0.slot == slot && $0.generation == 1 })
            let new = try #require(changeSpawns.first { $0.slot == slot && $0.generation == 2 })
            let term = try #require(terms.first { $0.pid == old.pid })
            #expect(new.time <= term.time)
        }
        // Slot 1's replacement started only after slot 0's old worker was gone.
        let firstGone = try #require(changeExits.first { $0.slot == 0 })
        let secondNew = try #require(changeSpawns.first { $0.slot == 1 && $0.generation == 2 })
        #expect(secondNew.time >= firstGone.time)

        try host.send(SIGTERM)
        #expect(try await host.waitForExit() == .exited(code: 0))
    }

    @Test func aBrokenFileChangesNothing() async throws {
        let host = try SupervisorHost(topology: Self.before)
        let pids = try await host.waitForWorkers(5).map(\.pid)
        try host.writeTopology("""
            redis: redis://127.0.0.1:1/0
            queues:
              sleep-keep: { processes: many }
              sleep-new: { concurency: 2 }
            """)
        try host.send(SIGHUP)
        try await host.waitForLog("bullpen: error: reload failed, keeping the running topology:")
        #expect(host.log.contains("bullpen: error: \(host.topologyPath):3:"))
        #expect(host.log.contains("bullpen: error: \(host.topologyPath):4:"))

        try host.send(SIGTERM)
        #expect(try await host.waitForExit() == .exited(code: 0))
        #expect(host.events("spawn").map(\.pid) == pids)
        #expect(Set(host.events("exit").map(\.pid)) == Set(pids))
        #expect(host.events("exit").allSatisfy { $0["drain"] == "true" })
    }

    @Test func aChangeOfRedisIsRefusedUntilARestart() async throws {
        let host = try SupervisorHost(topology: Self.before)
        try await host.waitForLog("bullpen: info: ready: 5 running")
        try host.writeTopology(Self.before.replacingOccurrences(of: "127.0.0.1:1/0", with: "127.0.0.1:2/0"))
        try host.send(SIGHUP)
        try await host.waitForLog("nothing was applied")
        #expect(host.log.contains("needs a supervisor restart"))
        try host.send(SIGTERM)
        #expect(try await host.waitForExit() == .exited(code: 0))
        #expect(host.events("spawn").count == 5)
    }
}
