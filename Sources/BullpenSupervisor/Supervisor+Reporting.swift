import BullpenProcess
import Glibc

/// What the supervisor tells the outside: exit reports (with retries), status snapshots, and systemd.
extension Supervisor {
    /// Queues an exit for the observer. Delivered by ``deliverExits(now:)`` at the end of the turn, never
    /// here: this runs while a slot is being changed in place, and an observer that read the supervisor's
    /// status at that moment would overlap that access.
    func report(_ exit: WorkerExit) {
        pendingExits.append(exit)
    }

    /// Hands queued exits to the observer, oldest first; after a refusal (a throw) the rest waits, in
    /// order, for the next try a ``SupervisorTiming/retryInterval`` later.
    func deliverExits(now: ContinuousClock.Instant) {
        guard !pendingExits.isEmpty, nextRetryAt.map({ now >= $0 }) ?? true else { return }
        var delivered = 0
        while let exit = pendingExits.first {
            do {
                try configuration.exitObserver.workerExited(exit)
                pendingExits.removeFirst()
                delivered += 1
            } catch {
                if !reportFailing {
                    log.warning("could not report the exit of worker \(exit.workerID) (\(exit.reason)): \(error); retrying")
                }
                reportFailing = true
                nextRetryAt = now.advanced(by: configuration.timing.retryInterval)
                return
            }
        }
        if reportFailing { log.info("reported \(Self.counted(delivered, "delayed worker exit"))") }
        reportFailing = false
        nextRetryAt = nil
    }

    /// Publishes the status when anything in it changed or the interval passed; updates systemd's `STATUS=`,
    /// sends `READY=1` the first time every slot is up, and pings the watchdog.
    func publish(now: ContinuousClock.Instant) {
        let snapshot = status
        if snapshot != lastPublished || nextStatusAt.map({ now >= $0 }) ?? true {
            lastPublished = snapshot
            nextStatusAt = now.advanced(by: configuration.timing.statusInterval)
            do {
                try configuration.statusPublisher.publish(snapshot)
                publishFailing = false
            } catch {
                if !publishFailing { log.warning("could not publish the status: \(error)") }
                publishFailing = true
            }
        }
        let summary = phase == .running || phase == .starting ? snapshot.summary : "\(phase): \(snapshot.summary)"
        if !readySent && phase == .running && allSlotsUp {
            readySent = true
            lastSummary = summary
            log.info("ready: \(summary)")
            notify { try $0.ready(status: summary) }
        } else if summary != lastSummary {
            lastSummary = summary
            notify { try $0.status(summary) }
        }
        if let interval = configuration.notifier.watchdogInterval, nextWatchdogAt.map({ now >= $0 }) ?? true {
            nextWatchdogAt = now.advanced(by: interval / 2)
            notify { try $0.watchdog() }
        }
    }

    /// Every wanted slot exists and is `running` or has given up (`fatal`): systemd should not wait for
    /// slots that will not come, nor fail the whole unit for one broken queue.
    private var allSlotsUp: Bool {
        queues.allSatisfy { queue in
            let wanted = queue.slots.filter { $0.index < queue.wantedCount }
            return wanted.count == queue.wantedCount && wanted.allSatisfy { $0.state == .running || $0.state == .fatal }
        }
    }

    /// Sends a notification; a failure is logged once until one succeeds again.
    func notify(_ send: (SystemdNotifier) throws -> Void) {
        do {
            try send(configuration.notifier)
            notifyFailing = false
        } catch {
            if !notifyFailing { log.warning("could not notify systemd: \(error)") }
            notifyFailing = true
        }
    }
}
