import ArgumentParser
import BullpenCore

/// `bullpen drain QUEUE [--delayed]`: deletes every job waiting to run.
struct DrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drain",
        abstract: "Delete every waiting job of a queue (and delayed ones with --delayed).",
        discussion: """
            Running, completed and failed jobs stay. Prints how many were deleted.

            Examples:
              bullpen drain emails
              bullpen drain emails --delayed
            """)

    @Argument(help: "The queue.")
    var queue: String

    @Flag(help: "Delete delayed jobs too.")
    var delayed = false

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func run() async throws {
        let target = try await connection.connect().queue(queue)
        do {
            let count = try await target.drain(includingDelayed: delayed)
            print("deleted \(count) waiting\(delayed ? " and delayed" : "") job\(count == 1 ? "" : "s") from queue \(queue)")
        } catch {
            throw CLIError(error)
        }
    }
}
