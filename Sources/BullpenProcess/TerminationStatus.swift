import CBullpenSystem

/// How a child process ended, decoded from a `waitpid` status. (Not named `ExitStatus`: Swift Testing
/// has a type of that name, and every test importing both modules would have to qualify it.)
public enum TerminationStatus: Sendable, Hashable, CustomStringConvertible {
    /// The process called `exit` (or returned from `main`) with this code.
    case exited(code: Int32)
    /// The process was ended by a signal; `coreDumped` tells whether it left a core dump.
    case signaled(signal: Int32, coreDumped: Bool)

    /// Decodes a wait status; nil when the status reports a stopped or continued process instead.
    public init?(waitStatus: Int32) {
        if bullpen_wifexited(waitStatus) != 0 {
            self = .exited(code: bullpen_wexitstatus(waitStatus))
        } else if bullpen_wifsignaled(waitStatus) != 0 {
            self = .signaled(signal: bullpen_wtermsig(waitStatus), coreDumped: bullpen_wcoredump(waitStatus) != 0)
        } else {
            return nil
        }
    }

    /// True when the process exited with code 0.
    public var isSuccess: Bool { self == .exited(code: 0) }

    /// The code a shell would report in `$?`: the exit code, or 128 plus the signal number.
    public var shellCode: Int32 {
        switch self {
        case .exited(let code): code
        case .signaled(let signal, _): 128 + signal
        }
    }

    /// `exited with status 3`, `killed by signal 9 (SIGKILL)`, `killed by signal 6 (SIGABRT), core dumped`.
    public var description: String {
        switch self {
        case .exited(let code):
            return "exited with status \(code)"
        case .signaled(let signal, let coreDumped):
            let name = SignalName.of(signal).map { " (\($0))" } ?? ""
            return "killed by signal \(signal)\(name)" + (coreDumped ? ", core dumped" : "")
        }
    }
}
