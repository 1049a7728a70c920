import ArgumentParser
import BullpenCore

/// `bullpen obliterate QUEUE --yes`: deletes the whole queue.
struct ObliterateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "obliterate",
        abstract: "Delete a queue with all its jobs, dead-letter queue and schedules.",
        discussion: """
            Asks for --yes, and refuses (exit 64) without it. Refused (exit 1) while jobs of the queue \
            run, unless --force: stop its workers first.

            Examples:
              bullpen obliterate old-reports --yes
              bullpen obliterate old-reports --yes --force
            """)

    @Argument(help: "The queue.")
    var queue: String

    @Flag(help: "Confirm that the queue and every job in it are to be deleted.")
    var yes = false

    @Flag(help: "Delete it even while jobs run.")
    var force = false

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func run() async throws {
        guard yes else {
            throw CLIError(.usage, "obliterate deletes queue \(queue) and every job in it: pass --yes to confirm")
        }
        let target = try await connection.connect().queue(queue)
        do {
            try await target.obliterate(force: force)
        } catch {
            throw CLIError(error)
        }
        print("obliterated queue \(queue)")
    }
}
