/// What a worker's exit code tells the supervisor: the one convention between the two sides.
///
/// - `recycled` (0) from a worker whose slot is `running` and was not told to stop: the worker replaced
///   itself on purpose (it ran `max_jobs_per_process` jobs, or decided to for another reason) after it
///   handed back or finished its jobs. The supervisor starts a new worker at once, without backoff and
///   without counting a death. The same exit while the slot is still `starting` counts as a quick death:
///   a worker that leaves before it could do any work is broken, and restarting it at once would storm.
/// - any other exit, and any death by a signal, is a crash: the slot restarts with backoff, and the
///   `WorkerExitObserver` releases the worker's jobs with a crash count.
/// - after the supervisor sent SIGTERM (drain, removal, replacement) any exit is expected and never
///   restarted; a worker SIGKILLed at its deadline is reported with `killedAtDeadline`.
public enum WorkerExitCode {
    /// The worker recycled itself (see the type's documentation).
    public static let recycled: Int32 = 0
}
