import BullpenRedis

extension Worker {
    /// One slot: takes a job, runs it once it has a permit (``RunPermits``), reports it and takes the next
    /// in the same round trip. Every job taken is counted by the ``TakeGate`` until it is reported or
    /// handed back.
    ///
    /// The slot goes on in a task of its own (``SlotTask``), in which its handlers run; a job's
    /// cancellation cancels that task, which then ends, and the slot goes on in a new one that first
    /// concludes the cancelled job.
    func slot() async {
        var cancelled: CancelledJob?
        while true {
            let slotTask = SlotTask()
            // An unstructured task inherits no executor preference: inline slots ask for the connection
            // thread again.
            let run = Task(executorPreference: configuration.inlineHandlers ? client.connectionThread : nil) { [cancelled] in
                await self.slotRun(slotTask, concluding: cancelled)
            }
            slotTask.attach(run)
            guard case .cancelled(let job) = await run.value else { return }
            cancelled = job
        }
    }

    /// One run of a slot, in `slotTask`, until the slot has no more work or a job's cancellation ends it.
    private func slotRun(_ slotTask: SlotTask, concluding cancelled: CancelledJob?) async -> SlotExit {
        if let cancelled { await conclude(cancelled) }
        var next: ActiveJob?
        while true {
            if next == nil {
                if state.withLock({ $0.stopping || $0.quiet }) { return .done }
                next = await fetcher.next()
            }
            guard let active = next else { return .done }
            next = nil
            // A job that arrives after the worker stopped taking jobs (its take was in flight when close or
            // quiet began) goes straight back, unrun and without using up an attempt.
            if state.withLock({ $0.stopping || $0.quiet }) {
                await handBack(active)
                letGo(suspect: false)
                continue
            }
            // A job that crashed a worker before runs alone; while another one has that turn, this one
            // goes back (first in line) for another worker, unrun and without using up an attempt. It
            // waits to be alone before it asks for a permit, so that the jobs it waits for can run.
            let suspect = active.job.crashes > 0
            if suspect {
                guard gate.claimSuspect() else {
                    await handBack(active)
                    letGo(suspect: false)
                    continue
                }
                guard await waitAlone(active) else {
                    letGo(suspect: true)
                    continue
                }
            }
            guard await acquirePermit(for: active) else {
                letGo(suspect: suspect)
                continue
            }
            guard countStart() else {
                // The limit was reached by another slot meanwhile: this one goes back unrun.
                permits.release()
                await handBack(active)
                letGo(suspect: suspect)
                continue
            }
            let started = ContinuousClock.now
            let execution = await execute(active, in: slotTask)
            // The permit goes back before the finish leaves: a job held ahead starts while it is on the wire.
            permits.release()
            let ran = started.duration(to: .now)
            let outcome: JobOutcome
            switch execution {
            case .cancelled(let followUp):
                if case .report = followUp, !suspect { gate.record(ran) }
                return .cancelled(CancelledJob(active: active, suspect: suspect, followUp: followUp))
            case .finished(nil):
                letGo(suspect: suspect)
                continue
            case .finished(let finished?):
                outcome = finished
            }
            if !suspect { gate.record(ran) }
            // No chained take after a suspect, nor while one waits: it must be alone when it runs.
            let chained = !state.withLock { $0.stopping || $0.quiet } && gate.beginChainedTake()
            next = await deliver(active, outcome, takingNext: chained)
            if chained { gate.endTake(took: next != nil) }
            letGo(suspect: suspect)
        }
    }

    /// The slot no longer holds its job: it was reported, handed back or dropped.
    private func letGo(suspect: Bool) {
        gate.release()
        if suspect { gate.endSuspect() }
    }

    /// Reports or hands back a job whose run was cancelled, in the slot's next, uncancelled task.
    private func conclude(_ cancelled: CancelledJob) async {
        switch cancelled.followUp {
        case .report(let outcome):
            _ = await deliver(cancelled.active, outcome, takingNext: false)
        case .handBack:
            // Close hands these back too; a second hand-back of the same lease is refused harmlessly.
            await handBack(cancelled.active)
        case .drop:
            break
        }
        letGo(suspect: cancelled.suspect)
    }

    /// Returns a job to the queue without using up an attempt (best effort: if this fails, its lease expires
    /// and any live worker returns it).
    func handBack(_ active: ActiveJob) async {
        do {
            try await queue.release([(active.job.id, active.lease.token)], on: client)
        } catch {
            onEvent(.error("unable to hand back job \(active.job.id): \(error.message)"))
        }
    }

    /// Reports an outcome, retrying through a Redis outage: a result ready during an outage is delivered
    /// after reconnecting if its lease still holds, and refused (the job is then retried) if not.
    func deliver(_ active: ActiveJob, _ outcome: JobOutcome, takingNext: Bool) async -> ActiveJob? {
        var failures = 0
        while true {
            do {
                let request = takingNext ? configuration.takeRequest : nil
                let (status, next) = try await queue.finish(active, outcome, takingNext: request, on: client)
                record(active.job, outcome, status)
                return next?.active
            } catch {
                failures += 1
                if failures == 1 { onEvent(.error("unable to report job \(active.job.id): \(error.message); retrying")) }
                // A cancelled task's calls are withdrawn: retrying would spin (see SlotTask). The job's
                // lease then expires, and it runs again.
                if state.withLock({ $0.closeDone }) || Task.isCancelled { return nil }
                try? await Task.sleep(for: .milliseconds(min(2000, 50 * (1 << min(failures, 6)))))
            }
        }
    }

    private func record(_ job: Job, _ outcome: JobOutcome, _ status: FinishStatus) {
        switch (status, outcome) {
        case (.stale, _):
            onEvent(.refused(job))
        case (.completed, .completed(let value)), (.duplicate, .completed(let value)):
            state.withLock { $0.finished += 1 }
            onEvent(.completed(job, returnValue: value))
        case (_, .failed(let reason, _, _)):
            state.withLock {
                $0.finished += 1
                $0.failed += 1
            }
            onEvent(.failed(job, reason: reason, status: status))
        default:
            state.withLock { $0.finished += 1 }
        }
    }

    /// Counts a job that starts; the start that reaches the `maxJobs` limit stops the worker taking and
    /// starting jobs (jobs held ahead go back), and it ends once the running ones are reported.
    /// False when the limit was reached before: the job must not start.
    private func countStart() -> Bool {
        guard let maxJobs = configuration.maxJobs else { return true }
        let (starts, last) = state.withLock { state in
            guard state.started < maxJobs else { return (false, false) }
            state.started += 1
            if state.started == maxJobs { state.stopping = true }
            return (true, state.started == maxJobs)
        }
        if last {
            stopStarting()
            Task { await fetcher.close() }
        }
        return starts
    }

    /// `30s`, `1m30s`, `250ms`: the form durations take in the topology file.
    static func describe(_ duration: Duration) -> String {
        let ms = duration.milliseconds
        if ms % 1000 != 0 { return "\(ms)ms" }
        let seconds = ms / 1000
        if seconds < 60 || seconds % 60 != 0 && seconds < 3600 {
            return seconds >= 60 ? "\(seconds / 60)m\(seconds % 60)s" : "\(seconds)s"
        }
        return seconds % 3600 == 0 ? "\(seconds / 3600)h" : "\(seconds / 60)m"
    }
}
