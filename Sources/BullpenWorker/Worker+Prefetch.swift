extension Worker {
    /// Gets a permit to run `active`. With slots beyond `concurrency` (``WorkerConfiguration/prefetch``)
    /// a job may have to wait for one; meanwhile it is registered as running, so that its lease is renewed
    /// and a close or a lost lease ends the wait. False when the job must not run here: it was handed back
    /// (the worker turned quiet or is closing, or it waited past the permits' `waitLimit`) or dropped (its lease
    /// was lost, so another run has it).
    func acquirePermit(for active: ActiveJob) async -> Bool {
        if permits.tryAcquire() { return true }
        let permits = self.permits
        let context = JobContext(queue: queue, active: active, workerID: configuration.workerID)
        let ticket = permits.newTicket()
        guard running.insert(active, context: context, cancel: { permits.cancelWait(ticket: ticket) }) else {
            await handBack(active)
            return false
        }
        let wait = await permits.acquire(ticket: ticket) { context.cancellation != nil }
        running.remove(active.job.id)
        // A permit granted in the same instant as a cancellation goes back unused.
        switch (wait, context.cancellation) {
        case (.granted, nil):
            return true
        case (_, .leaseLost?):
            if wait == .granted { permits.release() }
            return false
        case (.timedOut, _):
            // The running jobs are long: stop taking ahead until jobs run short again.
            gate.recordLongWait(permits.waitLimit)
            await handBack(active)
            return false
        default:
            if wait == .granted { permits.release() }
            await handBack(active)
            return false
        }
    }
}
