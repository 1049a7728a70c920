import BullpenProcess
import Glibc

/// A trampoline that makes a program die with the supervisor: `posix_spawn` cannot arm
/// `PR_SET_PDEATHSIG` in a child, so the supervisor spawns its own binary with
///
///     <self> __pdeathsig-exec <supervisor pid> <signal number> <program> [arguments…]
///
/// which arms the signal, checks that its parent is still the supervisor, and `execv`s the program
/// (the setting survives `exec` for a binary that is not setuid). Used for the embedded redis-server.
///
/// The CLI must route the subcommand to ``main(arguments:)`` first thing in `main`, before
/// `Supervisor.prepareSignals()` or anything that starts threads.
public enum ParentDeathExec {
    /// The internal subcommand name (`argv[1]`).
    public static let subcommand = "__pdeathsig-exec"

    /// The arguments after the binary for running `program` through the trampoline.
    public static func arguments(parent: pid_t, signal: Int32 = SIGTERM, program: String, arguments: [String]) -> [String] {
        [subcommand, String(parent), String(signal), program] + arguments
    }

    /// Runs the trampoline; `arguments` are those after the subcommand: `<parent pid> <signal> <program>
    /// [arguments…]`. Never returns: it becomes the program, or exits 127 (with a message on stderr)
    /// when the arguments are wrong or `execv` fails. When the parent is already gone, the armed signal
    /// ends the process at once.
    public static func main(arguments: [String]) -> Never {
        let log = SupervisorLog()
        guard arguments.count >= 3, let parent = pid_t(arguments[0]), parent > 1, let signal = Int32(arguments[1]) else {
            log.fatal("usage: \(subcommand) <parent pid> <signal> <program> [arguments...]")
            _exit(127)
        }
        // The program starts clean, whatever this binary's main did: no blocked and no ignored signal
        // (a mask and ignored dispositions survive exec). Done before arming, so that a parent already
        // gone kills us with the armed signal's default action.
        _ = try? Signals.setMask(SignalSet())
        for number in Int32(1)..<Int32(32) where number != SIGKILL && number != SIGSTOP {
            Glibc.signal(number, SIG_DFL)
        }
        do {
            try ParentDeath.arm(signal: signal, expectedParent: parent)
        } catch {
            log.fatal("\(subcommand): \(error)")
            _exit(127)
        }
        let program = arguments[2]
        let argv = [program] + arguments.dropFirst(3)
        let pointers = argv.map { strdup($0) } + [nil]
        execv(program, pointers)
        log.fatal("\(subcommand): unable to execute \(program): \(String(cString: strerror(errno)))")
        _exit(127)
    }
}
