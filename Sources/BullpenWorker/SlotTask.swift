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
/// A cancellation reaches the task only while it is *armed*, from just before the handler starts until
/// it returns: one that comes later finds it disarmed, so the slot's own calls after the handler are
/// never cancelled. The job's `JobContext` records a cancellation before it comes here, and the slot
/// reads that record once disarmed.
final class SlotTask: Sendable {
    private struct State {
        var task: Task<SlotExit, Never>?
        var armed = false
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

    /// Lets cancellations reach the task, or cancels it at once when `isCancelled` says one came already
    /// (asked under the lock: a canceller records its reason before it calls ``cancel()``).
    func arm(unlessCancelled isCancelled: () -> Bool) {
        if state.withLock({ state in
            if isCancelled() { return true }
            state.armed = true
            return false
        }) {
            cancelNow()
        }
    }

    /// Stops cancellations from reaching the task (the handler returned).
    func disarm() {
        state.withLock { $0.armed = false }
    }

    /// Cancels the task if it is armed; does nothing otherwise. A cancellation that finds it armed may
    /// land just after the handler returned: the job's context holds the reason by then, and the slot,
    /// reading it once disarmed, ends the run without another Redis call.
    func cancel() {
        let task = state.withLock { state -> Task<SlotExit, Never>? in
            guard state.armed else { return nil }
            if state.task == nil { state.pending = true }
            return state.task
        }
        task?.cancel()
    }

    private func cancelNow() {
        let task = state.withLock { state -> Task<SlotExit, Never>? in
            if state.task == nil { state.pending = true }
            return state.task
        }
        task?.cancel()
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
