import BullpenProcess
import BullpenTopology
import Glibc

/// Stopping: the drain on the first TERM/INT, the hard stop on the second, and the end of the loop.
extension Supervisor {
    /// SIGTERM to every worker; each is SIGKILLed if still alive after its queue's stop timeout. The
    /// embedded Redis is stopped once every worker is gone (workers may need it to hand jobs back).
    func beginDrain(_ signal: Int32, now: ContinuousClock.Instant) {
        phase = .draining
        for q in queues.indices { queues[q].rolloutBefore = nil }
        let live = queues.filter { $0.slots.contains { !$0.processes.isEmpty } }
        let count = live.reduce(0) { $0 + $1.slots.reduce(0) { $0 + $1.processes.count } }
        let timeouts = Set(live.map { topology.stopTimeout(of: $0.settings) }).sorted()
        let timeoutText = timeouts.isEmpty
            ? DurationText.format(topology.stopTimeout)
            : timeouts.count == 1 ? DurationText.format(timeouts[0])
            : "\(DurationText.format(timeouts[0])) to \(DurationText.format(timeouts[timeouts.count - 1]))"
        log.info("\(SignalName.of(signal) ?? "signal \(signal)"): draining \(Self.counted(count, "worker")) (stop_timeout \(timeoutText))")
        notify { try $0.stopping(status: "draining \(count) workers") }
        // Sends the SIGTERMs now rather than on the next tick.
        reconcileQueues(now: now)
    }

    /// A second TERM/INT: SIGKILL every worker at once (reported as killed at their deadline, so their
    /// jobs return without a crash count). The embedded Redis still gets SIGTERM, with a short deadline.
    func forceStop(_ signal: Int32, now: ContinuousClock.Instant) {
        forced = true
        var count = 0
        for q in queues.indices {
            for s in queues[q].slots.indices {
                for r in queues[q].slots[s].retiring.indices {
                    try? Signals.send(signal: SIGKILL, to: queues[q].slots[s].retiring[r].pid)
                    queues[q].slots[s].retiring[r].killed = true
                    count += 1
                }
            }
        }
        log.warning("\(SignalName.of(signal) ?? "signal \(signal)") again: killing \(Self.counted(count, "worker")) now")
        if phase == .stopping, let process = redis?.process {
            let deadline = now.advanced(by: .seconds(2))
            if let current = process.stopDeadline, current < deadline { return }
            redis?.process?.stopDeadline = deadline
        }
    }

    /// SIGKILL to every child, for an internal error the loop cannot go on from.
    func killEverything() {
        for queue in queues {
            for slot in queue.slots {
                for process in slot.processes { try? Signals.send(signal: SIGKILL, to: process.pid) }
            }
        }
        if let process = redis?.process { try? Signals.send(signal: SIGKILL, to: process.pid) }
    }

    /// Ends the loop: one last try for refused exit reports, then the exit code.
    func finish() {
        nextRetryAt = nil
        deliverExits(now: clock.now)
        for exit in pendingExits {
            log.error("lost the exit report of worker \(exit.workerID) (\(exit.reason)): its jobs come back when their leases expire")
        }
        log.info("stopped")
        finishedCode = exitCode
    }
}
