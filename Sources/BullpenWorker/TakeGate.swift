import Synchronization

/// Decides when a worker's slots may take jobs: never beside a crash suspect, and beyond `concurrency`
/// only while jobs run short.
///
/// **Crash suspects.** When a worker process dies, the supervisor counts the crash against *every* job it
/// held, because it cannot tell which one killed it; a job that reaches `max_crashes` is dead-lettered. A
/// good job that merely shared a worker with a poison job would then be blamed for each of the poison
/// job's crashes and dead-lettered with it. So a job that has crashed a worker before (a *suspect*:
/// `crashes > 0`) starts only when it is the one job its process holds, and the process takes no other
/// job while it runs: if the process dies again, the crash is the suspect's alone. A good job is blamed
/// at most for the one crash that made it a suspect. While a suspect waits or runs, no new take starts;
/// a second suspect that arrives meanwhile is handed back for another worker. A suspect claims its turn
/// and waits to be alone before it asks for a permit to run, so that the jobs it waits for can run.
///
/// **Taking ahead.** A worker has more slots than `concurrency` (``WorkerConfiguration/prefetch``): the
/// ones beyond it hold jobs taken ahead, which wait for a permit to run (``RunPermits``). Those takes
/// are allowed only while the recent jobs ran short (``JobPace``): with `concurrency` jobs held, a slot
/// waits here until one is reported or the jobs run short again.
///
/// The gate counts the jobs the process holds or may be about to hold: a take in flight counts from the
/// moment it is sent (a job Redis leased to us is ours before the reply arrives); an idle wait counts as
/// one from its start, since the take behind it runs whenever the wait ends (a suspect that a chained
/// take brought meanwhile waits for that take's job too). Without suspects the gate costs a lock per
/// take and per finished job.
final class TakeGate: Sendable {
    private struct State {
        /// Jobs held, suspects included, plus takes in flight.
        var holds = 0
        /// A suspect is waiting to run alone, or running.
        var suspect = false
        /// The suspect's wait: resumed with true once it is alone, false when cancelled.
        var aloneWaiter: (ticket: UInt64, continuation: CheckedContinuation<Bool, Never>)?
        var nextTicket: UInt64 = 0
        /// Takes waiting for the suspect to finish, or for a held job to end or the jobs to run short:
        /// resumed with true to go on (counted), false once closed.
        var takeWaiters: [CheckedContinuation<Bool, Never>] = []
        var closed = false
        /// Jobs held at most before taking ahead needs short jobs: the worker's concurrency.
        let running: Int
        var pace: JobPace

        /// Whether a take may start now.
        var admits: Bool { !closed && !suspect && (holds < running || pace.isShort) }
    }

    private let state: Mutex<State>

    /// A gate for a worker that runs `concurrency` jobs at once, and takes ahead while they run under
    /// `shortJob` on average.
    init(concurrency: Int, shortJob: Duration = JobPace.shortJob) {
        state = Mutex(State(running: concurrency, pace: JobPace(shortJob: shortJob)))
    }

    /// Before a take: waits while a suspect waits or runs, or while taking would be taking ahead and jobs
    /// do not run short; then counts the take. False once closed.
    func beginTake() async -> Bool {
        await withCheckedContinuation { continuation in
            let now: Bool? = state.withLock { state in
                if state.closed { return false }
                if state.admits {
                    state.holds += 1
                    return true
                }
                state.takeWaiters.append(continuation)
                return nil
            }
            if let now { continuation.resume(returning: now) }
        }
    }

    /// A take chained to a finish (whose job still counts): counted and true, or false (take none) while
    /// a suspect waits or runs, or while it would be taking ahead and jobs do not run short.
    func beginChainedTake() -> Bool {
        state.withLock { state in
            // The finished job still counts until `release()`, but its slot takes in its place.
            state.holds -= 1
            defer { state.holds += 1 }
            guard state.admits else { return false }
            state.holds += 1
            return true
        }
    }

    /// Records how long a handler ran (see ``JobPace``).
    func record(_ duration: Duration) {
        let woken = state.withLock { state in
            state.pace.record(duration)
            return Self.admitWaiters(&state)
        }
        for waiter in woken { waiter.resume(returning: true) }
    }

    /// A job taken ahead waited `duration` for a permit and went back (see ``JobPace``).
    func recordLongWait(_ duration: Duration) {
        state.withLock { $0.pace.recordLongWait(duration) }
    }

    /// The end of a take: a job taken stays counted until ``release()``; no job frees the count.
    func endTake(took: Bool) {
        if !took { release() }
    }

    /// A held job is finished, handed back or dropped.
    func release() {
        let (alone, woken) = state.withLock { state in
            state.holds -= 1
            return (Self.takeAloneWaiter(&state), Self.admitWaiters(&state))
        }
        alone?.resume(returning: true)
        for waiter in woken { waiter.resume(returning: true) }
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
        let woken = state.withLock { state in
            state.suspect = false
            return Self.admitWaiters(&state)
        }
        for waiter in woken { waiter.resume(returning: true) }
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

    /// Counts and returns the waiting takes that may start now, first come first.
    private static func admitWaiters(_ state: inout State) -> [CheckedContinuation<Bool, Never>] {
        var admitted: [CheckedContinuation<Bool, Never>] = []
        while !state.takeWaiters.isEmpty, state.admits {
            state.holds += 1
            admitted.append(state.takeWaiters.removeFirst())
        }
        return admitted
    }

    private static func takeAloneWaiter(_ state: inout State) -> CheckedContinuation<Bool, Never>? {
        guard state.holds <= 1, let waiter = state.aloneWaiter else { return nil }
        state.aloneWaiter = nil
        return waiter.continuation
    }
}
