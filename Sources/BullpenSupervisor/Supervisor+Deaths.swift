import BullpenProcess
import BullpenTopology
import Glibc

/// Reaping: every ended child is matched to its slot (or to redis-server) and handled by its role.
extension Supervisor {
    /// Reaps every ended child (`waitpid(-1, WNOHANG)` until none is left: SIGCHLDs merge).
    func reapChildren() {
        for child in Reaper.reapAny() {
            let now = clock.now
            if redis?.process?.pid == child.pid {
                redisExited(child.status, now: now)
                continue
            }
            guard let (q, s) = slotOwning(child.pid) else {
                log.warning("reaped process \(child.pid), which is no worker of this supervisor (\(child.status))")
                continue
            }
            let settings = queues[q].settings
            childExited(child, slot: &queues[q].slots[s], settings: settings, now: now)
        }
    }

    /// The queue and slot positions of the slot owning `pid`.
    private func slotOwning(_ pid: pid_t) -> (Int, Int)? {
        for q in queues.indices {
            if let s = queues[q].slots.firstIndex(where: { $0.processes.contains { $0.pid == pid } }) { return (q, s) }
        }
        return nil
    }

    private func childExited(_ child: ReapedChild, slot: inout ProcessSlot, settings: QueueTopology, now: ContinuousClock.Instant) {
        if let r = slot.retiring.firstIndex(where: { $0.pid == child.pid }) {
            let process = slot.retiring.remove(at: r)
            let how = process.killed ? "was killed at its stop deadline" : "stopped"
            log.info("\(slot.label): worker pid \(child.pid) \(how) (\(child.status))")
            report(exitOf: process, in: slot, status: child.status, duringDrain: true)
        } else if let old = slot.predecessor, old.pid == child.pid {
            slot.predecessor = nil
            log.warning("\(slot.label): previous worker pid \(child.pid) \(child.status) while its replacement was starting")
            report(exitOf: old, in: slot, status: child.status, duringDrain: false)
        } else if let worker = slot.worker, worker.pid == child.pid {
            slot.worker = nil
            slot.lastExit = child.status
            report(exitOf: worker, in: slot, status: child.status, duringDrain: false)
            currentWorkerDied(worker, status: child.status, slot: &slot, settings: settings, now: now)
        }
    }

    /// The slot's current worker died on its own: recycle at once, back off, or give up.
    private func currentWorkerDied(
        _ worker: SpawnedChild, status: TerminationStatus, slot: inout ProcessSlot, settings: QueueTopology,
        now: ContinuousClock.Instant
    ) {
        let lived = worker.startedAt.duration(to: now)
        let after = "after \(DurationText.format(lived))"
        if status == .exited(code: WorkerExitCode.recycled) && slot.state == .running {
            log.info("\(slot.label): worker pid \(worker.pid) recycled itself (\(status) \(after)); starting a new one")
            slot.state = .exited
            spawnWorker(&slot, settings: settings, now: now)
        } else if lived < topology.restart.quickDeath {
            log.warning("\(slot.label): worker pid \(worker.pid) \(status) \(after)")
            recordQuickDeath(&slot, what: status.description, now: now)
        } else {
            log.warning("\(slot.label): worker pid \(worker.pid) \(status) \(after); starting a new one")
            slot.quickDeaths = 0
            slot.state = .exited
            spawnWorker(&slot, settings: settings, now: now)
        }
    }

    private func report(exitOf process: SpawnedChild, in slot: ProcessSlot, status: TerminationStatus, duringDrain: Bool) {
        report(WorkerExit(
            queue: slot.queue, slot: slot.index, workerID: process.workerID, pid: process.pid, status: status,
            duringDrain: duringDrain, killedAtDeadline: process.killed))
    }
}
