import Foundation
import Testing
import BullpenTopology

/// The plan from the seed-like topology below to the same file with `edit` applied to its text.
private func diff(_ edit: (String) -> String) throws -> TopologyDiff {
    let base = """
        redis: embedded
        stop_timeout: 30s
        queues:
          emails:
            processes: 1
            concurrency: 10
          images:
            processes: 2
            concurrency: 3
          reports:
            schedules:
              daily-revenue: { cron: "0 9 * * *", tz: UTC }

        """
    return TopologyDiff(
        from: try Topology.parse(yaml: base, file: "old.yaml"),
        to: try Topology.parse(yaml: edit(base), file: "new.yaml"))
}

@Test func anUnchangedFileHasNoPlan() throws {
    let plan = try diff { $0 + "# a comment changes nothing\n" }
    #expect(plan.isEmpty)
    #expect(plan.plan == "no changes")
    #expect(plan.queueChanges.isEmpty)
}

@Test func anAddedQueueIsStarted() throws {
    let plan = try diff { $0 + "  transcode:\n    processes: 2\n" }
    #expect(plan.plan == "start transcode (2 processes)")
    #expect(plan.queueChanges == [QueueChange(name: "transcode", kind: .added, processesBefore: 0, processesAfter: 2)])
}

@Test func aRemovedQueueIsDrained() throws {
    let plan = try diff { $0.replacingOccurrences(of: "  reports:\n    schedules:\n      daily-revenue: { cron: \"0 9 * * *\", tz: UTC }\n", with: "") }
    #expect(plan.plan == "drain reports")
    #expect(plan.queueChanges == [QueueChange(name: "reports", kind: .removed, processesBefore: 1, processesAfter: 0)])
}

@Test(arguments: [("processes: 3", "+1 images process", 1), ("processes: 0", "-2 images processes", -2)])
func aScaledQueueStartsOrDrainsOnlyTheDifference(_ line: String, _ expected: String, _ delta: Int) throws {
    let plan = try diff { $0.replacingOccurrences(of: "processes: 2", with: line) }
    #expect(plan.plan == expected)
    let change = try #require(plan.queueChanges.first)
    #expect(change.processDelta == delta)
    #expect(!change.needsRestart)
}

@Test func aChangedSettingRestartsOnlyThatQueue() throws {
    let plan = try diff { $0.replacingOccurrences(of: "concurrency: 10", with: "concurrency: 20\n    max_memory: 1GiB") }
    #expect(plan.plan == "restart emails (concurrency 10 -> 20, max_memory none -> 1GiB)")
    #expect(plan.queueChanges.map(\.name) == ["emails"])
    #expect(plan.queueChanges.first?.needsRestart == true)
    #expect(plan.queueChanges.first?.settingChanges.first == SettingChange(
        path: "concurrency", old: "10", new: "20", needsRestart: true))
}

@Test func scaleDrainAndRestartTogetherReadAsOnePlan() throws {
    let plan = try diff {
        $0.replacingOccurrences(of: "concurrency: 10", with: "concurrency: 20")
            .replacingOccurrences(of: "processes: 2", with: "processes: 3")
            .replacingOccurrences(of: "  reports:\n    schedules:\n      daily-revenue: { cron: \"0 9 * * *\", tz: UTC }\n", with: "")
    }
    #expect(plan.plan == "+1 images process, drain reports, restart emails (concurrency 10 -> 20)")
    #expect(!plan.needsFullRestart)
}

@Test func scheduleAndStopTimeoutChangesApplyWithoutARestart() throws {
    let plan = try diff {
        $0.replacingOccurrences(of: "0 9 * * *", with: "0 10 * * *")
            .replacingOccurrences(of: "stop_timeout: 30s", with: "stop_timeout: 1m")
    }
    #expect(plan.plan == #"stop_timeout 30s -> 1m, update reports (schedules.daily-revenue.cron "0 9 * * *" -> "0 10 * * *")"#)
    #expect(plan.queueChanges.first?.needsRestart == false)
    #expect(!plan.needsFullRestart)
}

@Test func movingRedisNeedsAFullRestartAndHidesThePassword() throws {
    let plan = try diff { $0.replacingOccurrences(of: "redis: embedded", with: "redis: redis://app:s3cret@db:6379/0") }
    #expect(plan.needsFullRestart)
    #expect(plan.plan == #"redis embedded -> "redis://app:***@db:6379/0" (needs a supervisor restart)"#)
}
