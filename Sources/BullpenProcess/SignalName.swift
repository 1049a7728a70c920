import CBullpenSystem
import Glibc

/// The names of Linux signals, for messages such as `killed by signal 9 (SIGKILL)`.
public enum SignalName {
    /// The name of a signal (`SIGKILL`, `SIGRTMIN+2`), or nil for a number that is no signal here.
    public static func of(_ signal: Int32) -> String? {
        if let name = names[signal] { return name }
        let rtmin = bullpen_sigrtmin(), rtmax = bullpen_sigrtmax()
        if signal == rtmin { return "SIGRTMIN" }
        if signal > rtmin && signal <= rtmax { return "SIGRTMIN+\(signal - rtmin)" }
        return nil
    }

    /// The number of a signal given by name, with or without the `SIG` prefix (`TERM`, `SIGTERM`).
    public static func number(_ name: String) -> Int32? {
        let upper = name.uppercased()
        let full = upper.hasPrefix("SIG") ? upper : "SIG" + upper
        return names.first { $0.value == full }?.key
    }

    /// The classic signals of Linux on x86-64 and arm64 (their numbers are the same on both).
    private static let names: [Int32: String] = [
        SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP",
        SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGUSR1: "SIGUSR1",
        SIGSEGV: "SIGSEGV", SIGUSR2: "SIGUSR2", SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM",
        SIGSTKFLT: "SIGSTKFLT", SIGCHLD: "SIGCHLD", SIGCONT: "SIGCONT", SIGSTOP: "SIGSTOP", SIGTSTP: "SIGTSTP",
        SIGTTIN: "SIGTTIN", SIGTTOU: "SIGTTOU", SIGURG: "SIGURG", SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ",
        SIGVTALRM: "SIGVTALRM", SIGPROF: "SIGPROF", SIGWINCH: "SIGWINCH", SIGIO: "SIGIO", SIGPWR: "SIGPWR",
        SIGSYS: "SIGSYS",
    ]
}
