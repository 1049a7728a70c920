import ArgumentParser
import BullpenCore

/// `bullpen resume QUEUE`: workers take jobs of the queue again.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Resume a paused queue.",
        discussion: """
            Resuming a queue that is not paused is not an error.

            Examples:
              bullpen resume emails
            """)

    @Argument(help: "The queue.")
    var queue: String

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func run() async throws {
        let target = try await connection.connect().queue(queue)
        do {
            print(try await target.resume() ? "resumed queue \(queue)" : "queue \(queue) was not paused")
        } catch {
            throw CLIError(error)
        }
    }
}
