import BullpenSupervisor
import BullpenTopology

/// Records every exit; throws for the first `failures` calls, like a Redis that is down for a while.
final class RecordingObserver: WorkerExitObserver {
    struct Refused: Error, CustomStringConvertible {
        var description: String { "test observer refuses (Redis is down)" }
    }

    let recorder: EventRecorder
    var failures: Int

    init(recorder: EventRecorder, failures: Int) {
        self.recorder = recorder
        self.failures = failures
    }

    func workerExited(_ exit: WorkerExit) throws {
        if failures > 0 {
            failures -= 1
            recorder.record("refused", ["worker": exit.workerID])
            throw Refused()
        }
        recorder.record("exit", [
            "queue": exit.queue, "slot": String(exit.slot), "worker": exit.workerID, "pid": String(exit.pid),
            "status": exit.status.description, "drain": String(exit.duringDrain),
            "killed": String(exit.killedAtDeadline), "crash": String(exit.isCrash), "reason": exit.reason,
        ])
    }
}

/// Records each status snapshot as its phase and summary.
struct RecordingPublisher: StatusPublisher {
    let recorder: EventRecorder

    func publish(_ status: SupervisorStatus) {
        let slots = status.slots.map { "\($0.queue):\($0.index):\($0.state):\($0.pid.map(String.init) ?? "-")" }
        recorder.record("status", [
            "phase": status.phase.description, "summary": status.summary, "slots": slots.joined(separator: ","),
            "redis": status.redis.map { "\($0.state):\($0.pid.map(String.init) ?? "-")" } ?? "none",
        ])
    }
}

/// Records the startup check; warns, or throws when asked to.
struct RecordingCheck: StartupCheck {
    struct Unreachable: Error, CustomStringConvertible {
        var description: String { "connection refused (test)" }
    }

    let recorder: EventRecorder
    let fails: Bool

    func check(topology: Topology, redisURL: String) throws -> [String] {
        recorder.record("check", ["redis": redisURL])
        if fails { throw Unreachable() }
        return ["test check: redis runs without persistence"]
    }
}
