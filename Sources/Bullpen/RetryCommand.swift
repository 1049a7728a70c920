import ArgumentParser
import BullpenCore

/// `bullpen retry QUEUE ID...` or `--all-failed`: failed jobs run again with fresh attempts.
struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Send failed jobs back to their queue with fresh attempts.",
        discussion: """
            Prints how many jobs were retried. Exits 1 when an id is not a failed job of the queue.

            Examples:
              bullpen retry emails 42 43
              bullpen retry emails --all-failed
            """)

    @Argument(help: "The queue.")
    var queue: String

    @Argument(help: "The ids of failed jobs.")
    var ids: [String] = []

    @Flag(name: .customLong("all-failed"), help: "Retry every failed job (up to --limit, oldest first).")
    var allFailed = false

    @Option(help: ArgumentHelp("The most jobs --all-failed retries.", valueName: "n"))
    var limit = 10_000

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func validate() throws {
        guard !ids.isEmpty != allFailed else { throw ValidationError("give job ids or --all-failed (one of the two)") }
        guard limit > 0 else { throw ValidationError("--limit must be 1 or more, got \(limit)") }
    }

    func run() async throws {
        let target = try await connection.connect().queue(queue)
        let count: Int
        do {
            count = allFailed ? try await target.retryAllFailed(limit: limit) : try await target.retry(ids)
        } catch {
            throw CLIError(error)
        }
        print("retried \(count) job\(count == 1 ? "" : "s") in queue \(queue)")
    }
}
