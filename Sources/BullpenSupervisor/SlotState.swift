/// The state of a process slot (a queue name and an index), with supervisord's names.
///
/// The state describes the slot's *current* worker. A slot may also hold, for a short while, a
/// predecessor (the worker a replacement is taking over from, still serving until the new one is
/// `running`) and retiring workers (told to stop with SIGTERM, waiting for them to exit); those do not
/// change the state, except that a slot being stopped is `stopping` while it has retiring workers.
///
/// Transitions:
///
///     (new slot)  ──spawn──▶ starting
///     starting    ──stayed up for the start window──▶ running   (a predecessor now gets SIGTERM)
///     starting    ──died (a quick death)──▶ backoff, or fatal after `fatal_after` quick deaths in a row
///     running     ──exited 0 (recycled itself)──▶ exited ──at once──▶ starting   (no death counted)
///     running     ──died within `quick_death` of starting──▶ backoff, or fatal (as above)
///     running     ──died later──▶ exited ──at once──▶ starting   (the quick-death count starts over)
///     backoff     ──backoff over──▶ starting
///     starting, running, backoff ──drain, or slot removed by a reload──▶ stopping (or exited if no worker)
///     stopping    ──every retiring worker gone──▶ exited   (a removed slot is then forgotten)
///     fatal       ──SIGUSR2, or a reload that restarts the queue──▶ starting   (count starts over)
///
/// The backoff after the n-th quick death in a row is `backoff_start × 2^(n-1)`, capped at `backoff_max`.
/// A spawn that fails (`posix_spawn` error) counts as a quick death.
public enum SlotState: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A worker was spawned and has not yet stayed up for the start window.
    case starting
    /// The worker has stayed up for the start window.
    case running
    /// The worker died quickly; a new one is spawned when the backoff is over.
    case backoff
    /// The slot's workers were told to stop (SIGTERM) and have not all exited yet.
    case stopping
    /// No worker runs, and none is being waited for: a stopped slot, or a moment between a death and its
    /// immediate restart.
    case exited
    /// Too many quick deaths in a row: the slot gave up until SIGUSR2 or a reload restarts its queue.
    case fatal

    /// The state's name, as in logs and `bullpen status`.
    public var description: String { rawValue }
}
