@_exported import BullpenWorker
import ArgumentParser
import BullpenSupervisor
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entry point of the `bullpen` command: the stock binary and every app that links the library call
/// `Bullpen.main(handlers:)`, so that an app's own executable gets the whole CLI and its workers know the
/// app's Swift handlers.
///
/// ```swift
/// @main struct App {
///     static func main() async {
///         await Bullpen.main(handlers: ["emails": EmailHandler(), "images": ImageHandler()])
///     }
/// }
/// ```
public enum Bullpen {
    /// Parses `CommandLine.arguments`, runs the command and exits the process with its exit code (see
    /// `BullpenExitCode`). `handlers` maps queue names to the handlers this executable's workers run.
    ///
    /// Call it from your `main` (top-level code or a `@main` type): it runs on the main actor, because
    /// `supervise` must block its signals on the main thread before any other thread exists.
    @MainActor
    public static func main(handlers: [String: any JobHandler] = [:]) async -> Never {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // Internal: the embedded redis-server is started through this trampoline, which ties it to the
        // supervisor's life (PDEATHSIG) before exec'ing it.
        if arguments.first == ParentDeathExec.subcommand {
            ParentDeathExec.main(arguments: Array(arguments.dropFirst()))
        }
        if arguments.first == SuperviseCommand.configuration.commandName {
            exit(SuperviseCommand.runOnMainThread(arguments: Array(arguments.dropFirst())))
        }
        registeredHandlers.withLock { $0 = handlers }
        let code = await run(arguments: arguments)
        exit(code.rawValue)
    }

    /// The handlers given to `main(handlers:)`, by queue name (for the `worker` subcommand).
    public static var handlers: [String: any JobHandler] {
        registeredHandlers.withLock { $0 }
    }

    /// Runs one command line (without the program name) and returns its exit code; errors are printed
    /// on standard error (usage and help as ArgumentParser prints them, ours as `bullpen: fatal: ...`).
    static func run(arguments: [String]) async -> BullpenExitCode {
        do {
            var command = try BullpenCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return .ok
        } catch let error as CLIError {
            StandardError.fatal(error)
            return error.code
        } catch {
            let code = BullpenCommand.exitCode(for: error)
            let message = BullpenCommand.fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { print(message) } else { StandardError.line(message) }
            }
            return BullpenExitCode(rawValue: code.rawValue)
        }
    }
}

/// Set once by `main(handlers:)` before any command runs, read by the `worker` subcommand.
private let registeredHandlers = Mutex<[String: any JobHandler]>([:])
