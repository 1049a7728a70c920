import ArgumentParser
import BullpenCore

/// `bullpen promote QUEUE ID`: a delayed job becomes waiting now.
struct PromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Make a delayed job wait to run now.",
        discussion: """
            Exits 1 when the queue has no such job or the job is not delayed.

            Examples:
              bullpen promote emails 42
            """)

    @Argument(help: "The queue.")
    var queue: String

    @Argument(help: "The id of a delayed job.")
    var id: String

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func run() async throws {
        let target = try await connection.connect().queue(queue)
        do {
            try await target.promote(id)
        } catch {
            throw CLIError(error)
        }
        print("promoted job \(id) in queue \(queue)")
    }
}
