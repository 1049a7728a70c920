import ArgumentParser
import BullpenCore

/// `bullpen remove QUEUE ID`: deletes a job that is not running.
struct RemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Delete a job in any state but active.",
        discussion: """
            Exits 1 when the queue has no such job or the job is running.

            Examples:
              bullpen remove emails 42
            """)

    @Argument(help: "The queue.")
    var queue: String

    @Argument(help: "The job id.")
    var id: String

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func run() async throws {
        let target = try await connection.connect().queue(queue)
        do {
            try await target.remove(id)
        } catch {
            throw CLIError(error)
        }
        print("removed job \(id) from queue \(queue)")
    }
}
