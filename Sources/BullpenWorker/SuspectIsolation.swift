import Synchronization

/// Runs a crash suspect alone in its process.
///
/// When a worker process dies, the supervisor counts the crash against *every* job it held, because it
/// cannot tell which one killed it; a job that reaches `max_crashes` is dead-lettered. A good job that
/// merely shared a worker with a poison job would then be blamed for each of the poison job's crashes
/// and dead-lettered with it. So a job that has crashed a worker before (a *suspect*: `crashes > 0`)
/// starts only when it is the one job its process holds, and the process takes no other job while it
/// runs: if the process dies again, the crash is the suspect's alone. A good job is blamed at most for
/// the one crash that made it a suspect.
///
/// The gate counts the jobs the process holds or may be about to hold: a take in flight counts from the
/// moment it is sent (a job Redis leased to us is ours before the reply arrives); an idle wait counts as
/// one from its start, since the take behind it runs whenever the wait ends (a suspect that a chained
/// take brought meanwhile waits for that take's job too). While a suspect waits or runs, no new take
/// starts; a second suspect that arrives meanwhile is handed back for another
/// worker. Without suspects the gate costs a lock per take and per finished job.
final class SuspectIsolation: Sendable {
    private struct State {
        /// Jobs held, suspects included, plus takes in flight.
        var holds = 0
        /// A suspect is waiting to run alone, or running.
        var suspect = false
        /// The suspect's wait: resumed with true once it is alone, false when cancelled.
        var aloneWaiter: (ticket: UInt64, continuation: CheckedContinuation<Bool, Never>)?
        var nextTicket: UInt64 = 0
        /// Takes waiting for the suspect to finish: resumed with true to go on, false once closed.
        var takeWaiters: [CheckedContinuation<Bool, Never>] = []
        var closed = false
    }

    private let state = Mutex(State())

    /// Before a take: waits while a suspect waits or runs, then counts the take. False once closed.
    func beginTake() async -> Bool {
        await withCheckedContinuation { continuation in
            let now: Bool? = state.withLock { state in
                if state.closed { return false }
                if !state.suspect {
                    state.holds += 1
                    return true
                }
                state.takeWaiters.append(continuation)
                return nil
            }
            if let now { continuation.resume(returning: now) }
        }
    }

    /// A take chained to a finish: counted and true, or false (take none) while a suspect waits or runs.
    func beginChainedTake() -> Bool {
        state.withLock { state in
            guard !state.closed, !state.suspect else { return false }
            state.holds += 1
            return true
        }
    }

    /// The end of a take: a job taken stays counted until ``release()``; no job frees the count.
    func endTake(took: Bool) {
        if !took { release() }
    }

    /// A held job is finished, handed back or dropped.
    func release() {
        let alone = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            state.holds -= 1
            return Self.takeAloneWaiter(&state)
        }
        alone?.resume(returning: true)
    }

    /// Claims the suspect's turn for a held job; false while another suspect waits or runs (hand this one
    /// back: it would share the process with that one).
    func claimSuspect() -> Bool {
        state.withLock { state in
            guard !state.suspect else { return false }
            state.suspect = true
            return true
        }
    }

    /// A ticket for ``waitAlone(ticket:)`` and ``cancelWait(ticket:)``.
    func newTicket() -> UInt64 {
        state.withLock { state in
            state.nextTicket += 1
            return state.nextTicket
        }
    }

    /// Waits until the claimed suspect is the only job held. True when alone, false when cancelled.
    /// `isCancelled` is asked under the gate's lock before waiting: a cancellation records its reason
    /// before it calls ``cancelWait(ticket:)``, so one that comes before the wait is seen here and one
    /// that comes after finds the waiter.
    func waitAlone(ticket: UInt64, isCancelled: @Sendable () -> Bool) async -> Bool {
        await withCheckedContinuation { continuation in
            let now: Bool? = state.withLock { state in
                if isCancelled() { return false }
                if state.holds <= 1 { return true }
                state.aloneWaiter = (ticket, continuation)
                return nil
            }
            if let now { continuation.resume(returning: now) }
        }
    }

    /// Ends the wait with `ticket` (a close or a lost lease); a wait already over is left alone.
    func cancelWait(ticket: UInt64) {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard let waiter = state.aloneWaiter, waiter.ticket == ticket else { return nil }
            state.aloneWaiter = nil
            return waiter.continuation
        }
        waiter?.resume(returning: false)
    }

    /// The suspect finished (or gave up its turn): takes go on.
    func endSuspect() {
        let waiters = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            state.suspect = false
            defer { state.takeWaiters.removeAll() }
            for _ in state.takeWaiters { state.holds += 1 }
            return state.takeWaiters
        }
        for waiter in waiters { waiter.resume(returning: true) }
    }

    /// No more takes (quiet or close): waiting takes end with false.
    func close() {
        let waiters = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            state.closed = true
            defer { state.takeWaiters.removeAll() }
            return state.takeWaiters
        }
        for waiter in waiters { waiter.resume(returning: false) }
    }

    private static func takeAloneWaiter(_ state: inout State) -> CheckedContinuation<Bool, Never>? {
        guard state.holds <= 1, let waiter = state.aloneWaiter else { return nil }
        state.aloneWaiter = nil
        return waiter.continuation
    }
}
