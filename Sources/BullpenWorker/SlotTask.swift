import Synchronization

/// The task one run of a worker's slot goes on in, which a job's cancellation (a timeout, a lost lease,
/// the close deadline) cancels while the job's handler runs in it.
///
/// Handlers run in their slot's own task rather than in a task each: a task per job cost a task and two
/// thread hand-offs a job (the slot to the handler's task and back), the most of what a default worker
/// spent on a short job. A cancelled task stays cancelled, and would have its later Redis calls withdrawn,
/// so a slot whose task was cancelled ends that run, and the next run, in a new task, reports or hands
/// back the cancelled job (``Worker/slot()``).
///
/// A cancellation reaches the task only while it is *armed* for the job that asks, from just before that
/// job's handler starts until it returns: each arming has a number of its own, which the job's
/// cancellations (its timer, its entry in `RunningJobs`) carry. One that comes later, or for a job that
/// ran before in the same task, finds the task disarmed or armed for another number, and does nothing.
/// The job's `JobContext` records a cancellation before it comes here, and the slot reads that record
/// once disarmed.
final class SlotTask: Sendable {
    private struct State {
        var task: Task<SlotExit, Never>?
        /// The number the task is armed for; nil while disarmed.
        var armed: UInt64?
        var nextArming: UInt64 = 0
        /// A cancellation that came before the task was attached.
        var pending = false
    }

    private let state = Mutex(State())

    /// Attaches the task once it is made (it may already have run, and been cancelled, meanwhile).
    func attach(_ task: Task<SlotExit, Never>) {
        let cancel = state.withLock { state in
            state.task = task
            return state.pending
        }
        if cancel { task.cancel() }
    }

    /// The number a job's cancellations will carry; arm with it just before the job's handler starts.
    func newArming() -> UInt64 {
        state.withLock { state in
            state.nextArming += 1
            return state.nextArming
        }
    }

    /// Lets the job's cancellations reach the task, or cancels it at once when `isCancelled` says one
    /// came already (asked under the lock: a canceller records its reason before it calls ``cancel(_:)``).
    func arm(_ arming: UInt64, unlessCancelled isCancelled: () -> Bool) {
        let task = state.withLock { state -> Task<SlotExit, Never>? in
            guard isCancelled() else {
                state.armed = arming
                return nil
            }
            return Self.taskToCancel(&state)
        }
        task?.cancel()
    }

    /// Stops cancellations from reaching the task (the handler returned).
    func disarm() {
        state.withLock { $0.armed = nil }
    }

    /// Cancels the task if it is armed for `arming`; does nothing otherwise. A cancellation that finds it
    /// armed may land just after the handler returned: the job's context holds the reason by then, and
    /// the slot, reading it once disarmed, ends the run without another Redis call.
    func cancel(_ arming: UInt64) {
        let task = state.withLock { state -> Task<SlotExit, Never>? in
            guard state.armed == arming else { return nil }
            return Self.taskToCancel(&state)
        }
        task?.cancel()
    }

    /// The task to cancel once the lock is released; before it is attached, the cancellation waits for it.
    private static func taskToCancel(_ state: inout State) -> Task<SlotExit, Never>? {
        if state.task == nil { state.pending = true }
        return state.task
    }
}

/// How one run of a slot ended.
enum SlotExit: Sendable {
    /// The slot has no more work (the worker is closing, quiet, or at its `maxJobs`).
    case done
    /// A job's cancellation cancelled the run's task; the next run concludes the job.
    case cancelled(CancelledJob)
}

/// A job whose run was cancelled, and what remains to be done for it.
struct CancelledJob: Sendable {
    /// What remains to be done.
    enum FollowUp: Sendable {
        /// Report this outcome (a timeout).
        case report(JobOutcome)
        /// Hand the job back, unrun (the close deadline passed).
        case handBack
        /// Nothing: the lease was lost, and the job is another run's.
        case drop
    }

    var active: ActiveJob
    var suspect: Bool
    var followUp: FollowUp
}
