import Synchronization

/// The permits to run a handler: `concurrency` of them. A worker holds more jobs than it runs when it
/// takes some ahead (``WorkerConfiguration/prefetch``); a slot whose job was taken ahead waits here.
///
/// A permit is given back the moment a handler returns, before its finish goes to Redis: a job waiting
/// here starts while the finish of the last one is on the wire.
final class RunPermits: Sendable {
    /// How a wait for a permit ended.
    enum Wait: Equatable {
        /// The permit is the caller's: it must call ``release()`` once its handler returned.
        case granted
        /// Ended by a close, a lost lease or a close of the permits.
        case cancelled
        /// Ended because the job waited longer than the permits' `waitLimit`.
        case timedOut
    }

    private struct State {
        var free: Int
        /// Waits in the order they began; the first gets the next permit given back.
        var waiters: [Waiter] = []
        var nextTicket: UInt64 = 0
        /// Whether a watch task ends the waits that pass the limit (one at most, only while some wait).
        var watched = false
        var closed = false
    }

    private struct Waiter {
        var ticket: UInt64
        var since: ContinuousClock.Instant
        var continuation: CheckedContinuation<Wait, Never>
    }

    private let state: Mutex<State>
    /// How long a wait may last before it ends as `timedOut`.
    let waitLimit: Duration

    /// `count` permits; waits end as `timedOut` after `waitLimit`.
    init(_ count: Int, waitLimit: Duration) {
        state = Mutex(State(free: count))
        self.waitLimit = waitLimit
    }

    /// Takes a permit if one is free and nobody waits (false once closed).
    func tryAcquire() -> Bool {
        state.withLock { state in
            guard !state.closed, state.free > 0, state.waiters.isEmpty else { return false }
            state.free -= 1
            return true
        }
    }

    /// A ticket for ``acquire(ticket:isCancelled:)`` and ``cancelWait(ticket:)``.
    func newTicket() -> UInt64 {
        state.withLock { state in
            state.nextTicket += 1
            return state.nextTicket
        }
    }

    /// Waits for a permit. `isCancelled` is asked under the lock before waiting: a cancellation records its
    /// reason before it calls ``cancelWait(ticket:)``, so one that comes before the wait is seen
    /// here and one that comes after finds the waiter.
    func acquire(ticket: UInt64, isCancelled: @Sendable () -> Bool) async -> Wait {
        await withCheckedContinuation { continuation in
            let (now, watch): (Wait?, Bool) = state.withLock { state in
                if state.closed || isCancelled() { return (.cancelled, false) }
                if state.free > 0, state.waiters.isEmpty {
                    state.free -= 1
                    return (.granted, false)
                }
                state.waiters.append(Waiter(ticket: ticket, since: .now, continuation: continuation))
                defer { state.watched = true }
                return (nil, !state.watched)
            }
            if let now { continuation.resume(returning: now) }
            // Most waits last microseconds (a handler that just returned gives its permit back), so one
            // task watches them all rather than a timer per wait.
            if watch { Task { await self.watchWaits() } }
        }
    }

    /// Ends the waits that pass the limit, sleeping until the oldest one's; stops when none is left.
    private func watchWaits() async {
        while true {
            let (expired, oldest) = state.withLock { state -> ([CheckedContinuation<Wait, Never>], ContinuousClock.Instant?) in
                let deadline = ContinuousClock.now - waitLimit
                let expired = state.waiters.filter { $0.since <= deadline }.map(\.continuation)
                state.waiters.removeAll { $0.since <= deadline }
                if state.waiters.isEmpty { state.watched = false }
                return (expired, state.waiters.first?.since)
            }
            for waiter in expired { waiter.resume(returning: .timedOut) }
            guard let oldest else { return }
            try? await Task.sleep(until: oldest + waitLimit, clock: .continuous)
        }
    }

    /// Ends the wait with `ticket` as cancelled; a wait already over is left alone.
    func cancelWait(ticket: UInt64) {
        let waiter = state.withLock { state -> CheckedContinuation<Wait, Never>? in
            guard let index = state.waiters.firstIndex(where: { $0.ticket == ticket }) else { return nil }
            return state.waiters.remove(at: index).continuation
        }
        waiter?.resume(returning: .cancelled)
    }

    /// Gives a permit back: to the first waiter, else to the pool.
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Wait, Never>? in
            // Closed permits have no waiters (a close ends them, and a wait after it ends at once).
            if state.waiters.isEmpty {
                state.free += 1
                return nil
            }
            return state.waiters.removeFirst().continuation
        }
        next?.resume(returning: .granted)
    }

    /// No job starts any more (quiet or close): waits end as cancelled, and so does every later one.
    /// Handlers running now still give their permits back.
    func close() {
        let waiters = state.withLock { state -> [CheckedContinuation<Wait, Never>] in
            state.closed = true
            defer { state.waiters.removeAll() }
            return state.waiters.map(\.continuation)
        }
        for waiter in waiters { waiter.resume(returning: .cancelled) }
    }
}
