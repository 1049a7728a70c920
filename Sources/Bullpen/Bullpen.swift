@_exported import BullpenWorker
import ArgumentParser
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
    public static func main(handlers: [String: any JobHandler] = [:]) async -> Never {
        registeredHandlers.withLock { $0 = handlers }
        let code = await run(arguments: Array(CommandLine.arguments.dropFirst()))
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
