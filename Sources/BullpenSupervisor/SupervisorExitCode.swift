/// The exit codes of `bullpen supervise`, all in one place (values from BSD's `sysexits.h`, which systemd's
/// `RestartPreventExitStatus=` and operators already know).
///
/// | code | meaning | systemd with `Restart=on-failure` |
/// |---|---|---|
/// | 0  | drained: every worker stopped after SIGTERM/SIGINT (also after a second, impatient one) | stays stopped |
/// | 64 | usage: bad command line (returned by the CLI, before a supervisor exists) | restarts, fails again |
/// | 70 | internal error: the supervisor itself failed (cannot block signals, spawn loop broke) | restarts |
/// | 75 | Redis unreachable at start (the startup check threw, or the embedded redis-server never answered) | restarts: Redis may come back |
/// | 78 | bad topology at start: the file is missing or invalid (every problem is logged) | not restarted (`RestartPreventExitStatus=78`) |
public enum SupervisorExitCode {
    /// Every worker is gone after a drain.
    public static let drained: Int32 = 0
    /// The command line was wrong (`EX_USAGE`).
    public static let usage: Int32 = 64
    /// The supervisor failed in a way that is a bug or a broken system (`EX_SOFTWARE`).
    public static let internalError: Int32 = 70
    /// Redis could not be reached at start (`EX_TEMPFAIL`): worth retrying later.
    public static let redisUnavailable: Int32 = 75
    /// The topology file is missing or invalid at start (`EX_CONFIG`): retrying cannot help.
    public static let badTopology: Int32 = 78
}
