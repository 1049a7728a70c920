extension Worker {
    /// Gets a permit to run `active`. With slots beyond `concurrency` (``WorkerConfiguration/prefetch``)
    /// a job may have to wait for one, held (see ``whileHeld``): a close or a lost lease ends the wait.
    /// False when the job must not run here: it was handed back (the worker turned quiet or is closing,
    /// or it waited past the permits' `waitLimit`) or dropped (its lease was lost: another run has it).
    func acquirePermit(for active: ActiveJob) async -> Bool {
        if permits.tryAcquire() { return true }
        let permits = self.permits
        let ticket = permits.newTicket()
        guard let (wait, cancellation) = await whileHeld(active, cancel: { permits.cancelWait(ticket: ticket) }, {
            await permits.acquire(ticket: ticket, isCancelled: $0)
        }) else { return false }
        // A permit granted in the same instant as a cancellation goes back unused.
        switch (wait, cancellation) {
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
