import BullpenProcess
import BullpenSupervisor
import BullpenTopology
import Glibc
import Testing

/// Backoff, exit classification, status summaries and log lines: plain values, in process.
@Suite struct SupervisorValueTests {
    @Test(arguments: [(1, 1000), (2, 2000), (3, 4000), (4, 8000), (5, 10_000), (50, 10_000), (1000, 10_000)])
    func backoffDoublesUpToTheCap(quickDeaths: Int, milliseconds: Int64) {
        let policy = RestartPolicy(backoffStart: .seconds(1), backoffMax: .seconds(10), fatalAfter: 5, quickDeath: .seconds(10))
        #expect(policy.backoff(afterQuickDeaths: quickDeaths) == .milliseconds(milliseconds))
    }

    @Test func fatalAfterTheConfiguredQuickDeaths() {
        let policy = RestartPolicy(fatalAfter: 3)
        #expect(!policy.isFatal(afterQuickDeaths: 2))
        #expect(policy.isFatal(afterQuickDeaths: 3))
    }

    @Test(arguments: [
        (TerminationStatus.exited(code: 0), false, false, false, "worker exited with status 0"),
        (.exited(code: 1), false, false, true, "worker exited with status 1"),
        (.signaled(signal: SIGSEGV, coreDumped: false), false, false, true, "worker killed by signal 11 (SIGSEGV)"),
        (.signaled(signal: SIGKILL, coreDumped: false), true, true, false, "worker killed by signal 9 (SIGKILL)"),
        (.exited(code: 3), true, false, true, "worker exited with status 3"),
        (.signaled(signal: SIGTERM, coreDumped: false), true, false, false, "worker killed by signal 15 (SIGTERM)"),
        (.signaled(signal: SIGTERM, coreDumped: false), false, false, true, "worker killed by signal 15 (SIGTERM)"),
    ])
    func exitsAreClassified(status: TerminationStatus, drain: Bool, killed: Bool, crash: Bool, reason: String) {
        let exit = WorkerExit(queue: "q", slot: 0, workerID: "h:1:q:0:1", pid: 7, status: status, duringDrain: drain, killedAtDeadline: killed)
        #expect(exit.isCrash == crash)
        #expect(exit.reason == reason)
    }

    @Test func statusSummaryCountsSlots() {
        func slot(_ state: SlotState, retiring: [pid_t] = []) -> SlotStatus {
            SlotStatus(queue: "q", index: 0, state: state, pid: nil, workerID: nil, retiringPIDs: retiring, restarts: 0,
                       startedAtMilliseconds: nil, lastExit: nil)
        }
        let status = SupervisorStatus(
            pid: 1, hostname: "h", phase: .running,
            slots: [slot(.running), slot(.running), slot(.running, retiring: [9]), slot(.backoff), slot(.fatal)], redis: nil)
        #expect(status.summary == "3 running, 1 backoff, 1 fatal, 1 stopping")
        #expect(SupervisorStatus(pid: 1, hostname: "h", phase: .running, slots: [slot(.starting)], redis: nil).summary
            == "0 running, 1 starting, 0 backoff, 0 fatal")
    }

    @Test func logLinesArePrefixedPerLine() {
        let log = SupervisorLog()
        #expect(log.lines(.info, "draining 3 workers") == ["bullpen: info: draining 3 workers\n"])
        #expect(log.lines(.error, "reload failed:\nline 1") == ["bullpen: error: reload failed:\n", "bullpen: error: line 1\n"])
    }

    @Test func exitCodes() {
        #expect([SupervisorExitCode.drained, SupervisorExitCode.usage, SupervisorExitCode.internalError,
                 SupervisorExitCode.redisUnavailable, SupervisorExitCode.badTopology] == [0, 64, 70, 75, 78])
        #expect(WorkerExitCode.recycled == 0)
    }
}
