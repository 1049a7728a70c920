import ArgumentParser
import BullpenCore

/// `bullpen pause QUEUE`: workers stop taking jobs of the queue.
struct PauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Pause a queue: workers take no new job; running jobs finish.",
        discussion: """
            Pausing a paused queue is not an error.

            Examples:
              bullpen pause emails
            """)

    @Argument(help: "The queue.")
    var queue: String

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func run() async throws {
        let target = try await connection.connect().queue(queue)
        do {
            print(try await target.pause() ? "paused queue \(queue)" : "queue \(queue) was paused already")
        } catch {
            throw CLIError(error)
        }
    }
}
