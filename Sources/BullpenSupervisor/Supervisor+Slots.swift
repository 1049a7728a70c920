import BullpenProcess
import BullpenTopology
import Glibc

/// The slot state machine's transitions that time drives (see ``SlotState``), and spawning.
///
/// The methods taking `inout ProcessSlot` are called with `&queues[q].slots[s]`; they must not read
/// `queues` themselves (that would be an overlapping access).
extension Supervisor {
    /// Brings every slot towards what is wanted: the topology's count while running, none while
    /// draining; creates missing slots, forgets stopped surplus slots and drained removed queues.
    func reconcileQueues(now: ContinuousClock.Instant) {
        for q in queues.indices {
            let settings = queues[q].settings
            let wanted = phase == .running ? queues[q].wantedCount : 0
            for index in 0..<wanted where !queues[q].slots.contains(where: { $0.index == index }) {
                queues[q].slots.append(ProcessSlot(queue: settings.name, index: index))
            }
            queues[q].slots.sort { $0.index < $1.index }
            for s in queues[q].slots.indices {
                let isWanted = queues[q].slots[s].index < wanted
                reconcile(&queues[q].slots[s], wanted: isWanted, settings: settings, now: now)
            }
            queues[q].slots.removeAll { $0.index >= wanted && $0.stopRequested && $0.isEmpty }
        }
        queues.removeAll { $0.removed && $0.slots.isEmpty }
    }

    /// One slot's timed transitions.
    func reconcile(_ slot: inout ProcessSlot, wanted: Bool, settings: QueueTopology, now: ContinuousClock.Instant) {
        if wanted {
            if slot.stopRequested {
                // Removed by one reload, wanted again by the next: its old workers go on stopping.
                slot.stopRequested = false
                slot.state = .exited
                slot.quickDeaths = 0
            }
            switch slot.state {
            case .exited:
                spawnWorker(&slot, settings: settings, now: now)
            case .backoff where slot.restartAt.map { now >= $0 } ?? true:
                spawnWorker(&slot, settings: settings, now: now)
            case .starting:
                if let worker = slot.worker, worker.startedAt.duration(to: now) >= configuration.timing.startWindow {
                    slot.state = .running
                    if let old = slot.predecessor {
                        // Only now, with the new worker up, may the old one stop taking jobs.
                        slot.predecessor = nil
                        log.info("\(slot.label): worker pid \(worker.pid) is running; stopping the previous worker pid \(old.pid)")
                        retire(old, into: &slot, settings: settings, now: now)
                    }
                }
            case .running:
                // A worker that stayed up past quick_death has proven itself: its slot's count starts over.
                if let worker = slot.worker, worker.startedAt.duration(to: now) >= topology.restart.quickDeath {
                    slot.quickDeaths = 0
                }
            case .backoff, .stopping, .fatal:
                break
            }
        } else if !slot.stopRequested || slot.worker != nil || slot.predecessor != nil {
            stop(&slot, settings: settings, now: now)
        }
        if slot.stopRequested { slot.state = slot.retiring.isEmpty ? .exited : .stopping }
        killOverdue(&slot, now: now)
    }

    /// Spawns the slot's next worker; a failure to spawn counts as a quick death.
    func spawnWorker(_ slot: inout ProcessSlot, settings: QueueTopology, now: ContinuousClock.Instant) {
        guard phase == .running else { return }
        slot.spawns += 1
        let workerID = WorkerLaunch.workerID(
            hostname: hostname, supervisorPID: pid, queue: slot.queue, slot: slot.index, generation: slot.spawns)
        let launch = WorkerLaunch(
            queue: slot.queue, slot: slot.index, generation: slot.spawns, workerID: workerID,
            configPath: topologyPath, redisURL: redis?.plan.url, supervisorPID: pid)
        var options = configuration.workerCommand.spawnOptions(for: launch, environment: configuration.environment)
        options.standardInput = .null
        // A process group of its own: a terminal's Ctrl-C (SIGINT to the foreground group) reaches the
        // supervisor only, which drains its workers; reaching them directly too, it counted as their second
        // signal and made them hand their jobs back at once instead of finishing them.
        options.processGroup = .new
        slot.restartAt = nil
        do {
            let child = try ChildProcess.spawn(options)
            slot.worker = SpawnedChild(pid: child.pid, workerID: workerID, serial: nextSerial, startedAt: now)
            nextSerial += 1
            slot.state = .starting
            log.info("\(slot.label): started worker pid \(child.pid) (\(workerID))")
        } catch {
            log.error("\(slot.label): \(error)")
            recordQuickDeath(&slot, what: "could not be started", now: now)
        }
    }

    /// Starts a new worker for a `running` slot; the current one keeps serving (as the predecessor)
    /// until the new one is `running`, so the slot never drops to no worker.
    func beginReplacement(_ slot: inout ProcessSlot, settings: QueueTopology, reason: String, now: ContinuousClock.Instant) {
        guard phase == .running, slot.state == .running, slot.predecessor == nil, let old = slot.worker else { return }
        log.info("\(slot.label): replacing worker pid \(old.pid) (\(reason))")
        slot.predecessor = old
        slot.worker = nil
        slot.state = .exited
        spawnWorker(&slot, settings: settings, now: now)
    }

    /// Stops every worker of the slot (drain, or a slot the topology no longer wants).
    func stop(_ slot: inout ProcessSlot, settings: QueueTopology, now: ContinuousClock.Instant) {
        slot.stopRequested = true
        slot.restartAt = nil
        for process in [slot.predecessor, slot.worker].compactMap({ $0 }) {
            retire(process, into: &slot, settings: settings, now: now)
        }
        slot.predecessor = nil
        slot.worker = nil
    }

    /// Sends SIGTERM and waits for the worker until the queue's stop timeout plus the hand-back grace.
    func retire(_ process: SpawnedChild, into slot: inout ProcessSlot, settings: QueueTopology, now: ContinuousClock.Instant) {
        var process = process
        // The worker lets its jobs run for the whole stop timeout, then hands back the rest: the SIGKILL
        // comes only after that, so a job that fits the stop timeout is never cut short.
        process.stopDeadline = now.advanced(by: topology.stopTimeout(of: settings) + configuration.timing.handBackGrace)
        // ESRCH means it already died; its exit is reaped and reported as a retiring worker's.
        try? Signals.send(signal: SIGTERM, to: process.pid)
        slot.retiring.append(process)
    }

    /// SIGKILLs retiring workers past their stop deadline.
    func killOverdue(_ slot: inout ProcessSlot, now: ContinuousClock.Instant) {
        for r in slot.retiring.indices where !slot.retiring[r].killed {
            guard let deadline = slot.retiring[r].stopDeadline, now >= deadline else { continue }
            let pid = slot.retiring[r].pid
            log.warning("\(slot.label): worker pid \(pid) is still running at its stop deadline; killing it")
            try? Signals.send(signal: SIGKILL, to: pid)
            slot.retiring[r].killed = true
        }
    }

    /// Counts a quick death: backoff, or `fatal` after `fatal_after` in a row.
    func recordQuickDeath(_ slot: inout ProcessSlot, what: String, now: ContinuousClock.Instant) {
        slot.quickDeaths += 1
        let policy = topology.restart
        guard !policy.isFatal(afterQuickDeaths: slot.quickDeaths) else {
            slot.state = .fatal
            slot.restartAt = nil
            log.fatal("\(slot.label): worker \(what) \(slot.quickDeaths) times in a row within \(DurationText.format(policy.quickDeath)) of starting; giving up")
            if let old = slot.predecessor {
                // A replacement that cannot start must not take the working worker down with it.
                log.warning("\(slot.label): keeping the previous worker pid \(old.pid)")
                slot.worker = old
                slot.predecessor = nil
                slot.state = .running
                slot.quickDeaths = 0
                slot.replacementGaveUp = true
            }
            return
        }
        let delay = policy.backoff(afterQuickDeaths: slot.quickDeaths)
        slot.state = .backoff
        slot.restartAt = now.advanced(by: delay)
        log.warning("\(slot.label): restarting in \(DurationText.format(delay)) (quick death \(slot.quickDeaths) of \(policy.fatalAfter))")
    }
}
