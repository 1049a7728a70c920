import BullpenRedis

extension Worker {
    /// How a job's run ended.
    enum Execution {
        /// Its outcome, to report; nil when there is nothing to report (it was handed back).
        case finished(JobOutcome?)
        /// A timeout, a lost lease or the close deadline stopped it: the slot's task may be cancelled, so
        /// the slot ends its run and the next one does what is left.
        case cancelled(CancelledJob.FollowUp)
    }

    /// Runs the handler, in the slot's task, with the job's timeout.
    func execute(_ active: ActiveJob, in slotTask: SlotTask) async -> Execution {
        let context = JobContext(queue: queue, active: active, workerID: configuration.workerID)
        let arming = slotTask.newArming()
        guard running.insert(active, context: context, cancel: { slotTask.cancel(arming) }) else {
            // The close deadline passed before this job was registered: it goes back unrun.
            await handBack(active)
            return .finished(nil)
        }
        let limit = active.job.options.timeout.map { Duration.milliseconds($0) } ?? configuration.defaultTimeout
        let timer = limit.map { limit in
            Task {
                try await Task.sleep(for: limit)
                if context.cancel(.timeout) { slotTask.cancel(arming) }
            }
        }
        slotTask.arm(arming) { context.cancellation != nil }
        let result: Result<String, any Error>
        do {
            let output = try await handler.handle(active.job, context: context)
            result = .success(try JSONValue(encoding: output).text)
        } catch {
            result = .failure(error)
        }
        // No cancellation reaches the task from here; one that came before is in the context (see SlotTask).
        slotTask.disarm()
        timer?.cancel()
        running.remove(active.job.id)
        switch context.cancellation {
        case .leaseLost?:
            return .cancelled(.drop)
        case .shutdown?:
            return .cancelled(.handBack)
        case .timeout?:
            return .cancelled(.report(.failed(reason: "timed out after \(Self.describe(limit ?? .zero))")))
        case nil:
            let outcome: JobOutcome
            switch result {
            case .success(let value):
                outcome = .completed(returnValue: value)
            case .failure(let error as UnrecoverableError):
                outcome = .failed(reason: error.reason, retry: false)
            case .failure(let error):
                outcome = .failed(reason: String(describing: error), stack: String(reflecting: error))
            }
            // Nothing of the worker's cancels the task without a reason in the context; a handler that
            // cancelled it some other way must not leave the slot making withdrawn calls.
            return Task.isCancelled ? .cancelled(.report(outcome)) : .finished(outcome)
        }
    }

    /// Waits until the claimed suspect `active` is the only job this process holds (see ``whileHeld``).
    /// False when the wait ended otherwise: the job is handed back at a close, dropped when its lease is lost.
    func waitAlone(_ active: ActiveJob) async -> Bool {
        let gate = self.gate
        let ticket = gate.newTicket()
        guard let (alone, cancellation) = await whileHeld(active, cancel: { gate.cancelWait(ticket: ticket) }, {
            await gate.waitAlone(ticket: ticket, isCancelled: $0)
        }) else { return false }
        // `execute` registers it with a context of its own; a close in between is seen there.
        switch cancellation {
        case nil where alone:
            return true
        case .leaseLost?:
            return false
        default:
            await handBack(active)
            return false
        }
    }

    /// Runs `wait` with `active` registered as running, so that its lease is renewed and a close or a
    /// lost lease ends the wait: they record their reason in the job's context, then call `cancel`, and
    /// `wait` is given the question whether one came already. Returns what `wait` returned and the reason
    /// recorded meanwhile, or nil when the close deadline had passed before (the job was handed back).
    func whileHeld<Result>(
        _ active: ActiveJob, cancel: @escaping @Sendable () -> Void,
        _ wait: (_ isCancelled: @escaping @Sendable () -> Bool) async -> Result
    ) async -> (Result, JobContext.Cancellation?)? {
        let context = JobContext(queue: queue, active: active, workerID: configuration.workerID)
        guard running.insert(active, context: context, cancel: cancel) else {
            await handBack(active)
            return nil
        }
        let result = await wait { context.cancellation != nil }
        running.remove(active.job.id)
        return (result, context.cancellation)
    }
}
