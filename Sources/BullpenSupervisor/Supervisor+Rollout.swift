import BullpenProcess
import BullpenTopology
import Glibc

/// Replacing workers without losing capacity: rolling restarts (SIGUSR2, reloads) and memory recycling.
extension Supervisor {
    /// SIGUSR2: every worker is replaced, one slot at a time per queue (queues in parallel).
    func rollingRestart() {
        guard phase == .running else {
            log.warning("ignoring SIGUSR2 while \(phase)")
            return
        }
        let count = queues.filter { !$0.removed }.reduce(0) { $0 + $1.slots.count { $0.worker != nil } }
        log.info("SIGUSR2: rolling restart of \(Self.counted(count, "worker"))")
        for q in queues.indices where !queues[q].removed { startRollout(q) }
    }

    /// Marks every worker of the queue spawned so far for replacement; `fatal` slots start afresh.
    func startRollout(_ q: Int) {
        queues[q].rolloutBefore = nextSerial
        for s in queues[q].slots.indices {
            queues[q].slots[s].replacementGaveUp = false
            if queues[q].slots[s].state == .fatal && !queues[q].slots[s].stopRequested {
                queues[q].slots[s].state = .exited
                queues[q].slots[s].quickDeaths = 0
            }
        }
    }

    /// Takes the next step of each queue's rolling restart: when no slot of the queue is in the middle
    /// of a replacement, replace the first `running` worker spawned before the rollout began.
    func advanceRollouts(now: ContinuousClock.Instant) {
        for q in queues.indices {
            guard let before = queues[q].rolloutBefore, !queues[q].removed else { continue }
            let wanted = queues[q].wantedCount
            let isOld = { (slot: ProcessSlot) in (slot.worker?.serial ?? .max) < before }
            let slots = queues[q].slots.filter { $0.index < wanted }
            if slots.contains(where: { $0.isChanging || ($0.state == .starting && isOld($0)) }) { continue }
            guard let s = queues[q].slots.firstIndex(where: {
                $0.index < wanted && $0.state == .running && !$0.replacementGaveUp && isOld($0)
            }) else {
                queues[q].rolloutBefore = nil
                log.info("queue \(queues[q].name): rolling restart done")
                continue
            }
            let settings = queues[q].settings
            beginReplacement(&queues[q].slots[s], settings: settings, reason: "rolling restart", now: now)
        }
    }

    /// Every ``SupervisorTiming/memoryCheckInterval``: a `running` worker whose resident memory passed its
    /// queue's `max_memory` is replaced (new worker first, then the old one drained).
    func checkMemory(now: ContinuousClock.Instant) {
        if let next = nextMemoryCheckAt, now < next { return }
        nextMemoryCheckAt = now.advanced(by: configuration.timing.memoryCheckInterval)
        for q in queues.indices {
            guard let limit = queues[q].settings.maxMemory, !queues[q].removed else { continue }
            let settings = queues[q].settings
            for s in queues[q].slots.indices {
                let slot = queues[q].slots[s]
                guard slot.state == .running, slot.predecessor == nil, let worker = slot.worker,
                      let resident = try? ProcessStats.residentBytes(pid: worker.pid), resident > UInt64(limit)
                else { continue }
                let reason = "resident memory \(Self.mebibytes(resident)) above max_memory \(Self.mebibytes(UInt64(limit)))"
                beginReplacement(&queues[q].slots[s], settings: settings, reason: reason, now: now)
            }
        }
    }

    /// `612MiB`, rounded down.
    static func mebibytes(_ bytes: UInt64) -> String {
        "\(bytes / 1_048_576)MiB"
    }
}
