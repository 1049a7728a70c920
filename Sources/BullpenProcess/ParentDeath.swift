import CBullpenSystem
import Glibc

/// Makes a process die with its parent: `prctl(PR_SET_PDEATHSIG)` plus a check that the parent is
/// still the one expected.
///
/// The kernel sends the signal when the *thread* that spawned this process exits, not the process: the
/// parent must spawn from a thread that lives as long as it does. The setting belongs to the calling
/// thread: arm it from the main thread, first thing in `main`. It is cleared by `fork` but survives
/// `exec` (of a non-setuid binary).
public enum ParentDeath {
    /// Arms `signal` to be delivered when the parent dies, then checks `getppid() == expectedParent`.
    ///
    /// The parent may have died before the call (the child was then re-parented and the kernel will never
    /// send the signal); in that case the signal is raised at once on the calling thread, so both cases
    /// take the same path, and the function returns false. It returns false only if the process survives
    /// its own signal (caught, blocked or ignored); true when the parent is alive.
    /// The expected parent is passed by the parent itself (e.g. in an environment variable) or read
    /// with `getppid()` first thing in `main`.
    @discardableResult
    public static func arm(signal: Int32 = SIGTERM, expectedParent: pid_t) throws(ProcessError) -> Bool {
        guard bullpen_set_parent_death_signal(signal) == 0 else {
            throw .system(.parentDeath, "unable to arm parent-death signal \(Signals.label(signal))")
        }
        // Checked after arming: a parent that dies from here on triggers the kernel's signal.
        guard getppid() == expectedParent else {
            raise(signal)
            return false
        }
        return true
    }

    /// Clears the parent-death signal.
    public static func disarm() throws(ProcessError) {
        guard bullpen_set_parent_death_signal(0) == 0 else {
            throw .system(.parentDeath, "unable to clear the parent-death signal")
        }
    }

    /// The armed parent-death signal, or nil when none is armed.
    public static func current() throws(ProcessError) -> Int32? {
        let signal = bullpen_parent_death_signal()
        guard signal >= 0 else { throw .system(.parentDeath, "unable to read the parent-death signal") }
        return signal == 0 ? nil : signal
    }
}
