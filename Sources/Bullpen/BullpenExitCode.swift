/// Every exit code of the `bullpen` command, in this one place (the values follow BSD's `sysexits.h`, so
/// scripts and service managers read them the usual way).
///
/// | code | name        | meaning |
/// |------|-------------|---------|
/// | 0    | `ok`        | done |
/// | 1    | `failure`   | the operation could not be done: no such job, a job in the wrong state, a queue with running jobs |
/// | 64   | `usage`     | a bad command line: unknown flag, bad option value (`--delay -5s`), unknown queue, missing `--yes` |
/// | 65   | `dataError` | bad input data: job data that is not JSON or too large, a malformed `--bulk` line |
/// | 66   | `noInput`   | an input file (data, bulk, topology) is missing or unreadable |
/// | 75   | `tempFail`  | Redis is unreachable (after trying for a few seconds) or broke mid-command: try again later |
/// | 78   | `config`    | the topology file is invalid |
///
/// A struct with static members rather than a closed enum, so that the subcommands added later (`worker`,
/// `supervise`) can define codes of their own next to these.
public struct BullpenExitCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The process exit status.
    public let rawValue: Int32

    /// Creates a code from an exit status.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// 0: done.
    public static let ok = BullpenExitCode(rawValue: 0)
    /// 1: the operation could not be done (no such job, a job in the wrong state).
    public static let failure = BullpenExitCode(rawValue: 1)
    /// 64 (EX_USAGE): a bad command line, option value or queue name.
    public static let usage = BullpenExitCode(rawValue: 64)
    /// 65 (EX_DATAERR): job data or a bulk file that is malformed.
    public static let dataError = BullpenExitCode(rawValue: 65)
    /// 66 (EX_NOINPUT): an input file is missing or unreadable.
    public static let noInput = BullpenExitCode(rawValue: 66)
    /// 75 (EX_TEMPFAIL): Redis is unreachable; trying again later may work.
    public static let tempFail = BullpenExitCode(rawValue: 75)
    /// 78 (EX_CONFIG): the topology file is invalid.
    public static let config = BullpenExitCode(rawValue: 78)

    public var description: String { String(rawValue) }
}
