import Glibc

/// Signal masks, dispositions and sending.
///
/// Masks are per thread: `block(_:)` changes only the calling thread's mask, and threads created
/// afterwards inherit it. A supervisor calls it first thing in `main`, before any other thread exists,
/// so that every thread has the signals blocked and only `SignalWaiter` on the main thread receives them.
public enum Signals {
    /// Blocks `signals` on the calling thread; returns the previous mask.
    @discardableResult
    public static func block(_ signals: SignalSet) throws(ProcessError) -> SignalSet {
        try changeMask(SIG_BLOCK, signals)
    }

    /// Unblocks `signals` on the calling thread; returns the previous mask.
    @discardableResult
    public static func unblock(_ signals: SignalSet) throws(ProcessError) -> SignalSet {
        try changeMask(SIG_UNBLOCK, signals)
    }

    /// Replaces the calling thread's mask with `signals`; returns the previous mask.
    @discardableResult
    public static func setMask(_ signals: SignalSet) throws(ProcessError) -> SignalSet {
        try changeMask(SIG_SETMASK, signals)
    }

    /// The calling thread's current signal mask.
    public static var currentMask: SignalSet {
        var old = SignalSet()
        pthread_sigmask(SIG_SETMASK, nil, &old.raw)
        return old
    }

    /// The signals pending for the calling thread or the whole process.
    public static var pending: SignalSet {
        var set = SignalSet()
        sigpending(&set.raw)
        return set
    }

    /// Sends `signal` to the process `pid` (`kill`). Refuses pid 0 and negative pids, which would reach
    /// whole process groups: use `send(signal:toProcessGroup:)` for those.
    public static func send(signal: Int32, to pid: pid_t) throws(ProcessError) {
        guard pid > 0 else {
            throw ProcessError(.signal, "refusing to send \(label(signal)) to pid \(pid): not a single process")
        }
        guard kill(pid, signal) == 0 else {
            throw .system(.signal, "unable to send \(label(signal)) to process \(pid)")
        }
    }

    /// Sends `signal` to every process of the group `processGroup` (`kill(-pgid)`). Refuses groups 0 and 1,
    /// which would reach our own group or every process we may signal.
    public static func send(signal: Int32, toProcessGroup processGroup: pid_t) throws(ProcessError) {
        guard processGroup > 1 else {
            throw ProcessError(.signal, "refusing to send \(label(signal)) to process group \(processGroup)")
        }
        guard kill(-processGroup, signal) == 0 else {
            throw .system(.signal, "unable to send \(label(signal)) to process group \(processGroup)")
        }
    }

    /// Sends SIGKILL to every process of a group. Returns false when the group no longer exists (`ESRCH`),
    /// which is not an error for a cleanup.
    @discardableResult
    public static func killProcessGroup(_ processGroup: pid_t) throws(ProcessError) -> Bool {
        do {
            try send(signal: SIGKILL, toProcessGroup: processGroup)
            return true
        } catch where error.systemErrno == ESRCH {
            return false
        }
    }

    /// Sets the disposition of `signal` to ignore, for the whole process.
    ///
    /// Dispositions are process-wide and survive `posix_spawn` only when the spawn does not reset them;
    /// `ChildProcess.spawn` resets every signal to its default in the child.
    public static func ignore(_ signal: Int32) throws(ProcessError) {
        guard setDisposition(signal, SIG_IGN) else {
            throw .system(.signal, "unable to ignore \(label(signal))")
        }
    }

    /// Sets the disposition of `signal` back to its default, for the whole process.
    public static func restoreDefault(_ signal: Int32) throws(ProcessError) {
        guard setDisposition(signal, SIG_DFL) else {
            throw .system(.signal, "unable to restore the default action of \(label(signal))")
        }
    }

    private static func setDisposition(_ signal: Int32, _ handler: __sighandler_t?) -> Bool {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        return sigaction(signal, &action, nil) == 0
    }

    private static func changeMask(_ how: Int32, _ signals: SignalSet) throws(ProcessError) -> SignalSet {
        var old = SignalSet()
        let result = withUnsafePointer(to: signals.raw) { pthread_sigmask(how, $0, &old.raw) }
        // pthread_sigmask returns the error number instead of setting errno.
        guard result == 0 else { throw .system(.signal, "unable to change the signal mask to \(signals)", errno: result) }
        return old
    }

    /// `SIGTERM` or `signal 77`.
    static func label(_ signal: Int32) -> String {
        SignalName.of(signal) ?? "signal \(signal)"
    }
}
