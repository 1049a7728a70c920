import Glibc

/// Turns SIGPIPE into a plain EPIPE for writes made by the calling thread, without touching the
/// process-wide disposition.
///
/// A write to a pipe without readers sends SIGPIPE to the writing *thread*. While it is blocked on that
/// thread the signal stays pending there, and the write fails with EPIPE; `restore()` takes the pending
/// signal (unless one was pending before the guard, which is not ours to take) and restores the mask.
struct BrokenPipeGuard {
    private let previousMask: SignalSet
    private let wasPending: Bool

    init() throws(ProcessError) {
        wasPending = Signals.pending.contains(SIGPIPE)
        previousMask = try Signals.block([SIGPIPE])
    }

    func restore() {
        if !wasPending {
            _ = try? SignalWaiter([SIGPIPE]).wait(timeout: .zero)
        }
        _ = try? Signals.setMask(previousMask)
    }
}
