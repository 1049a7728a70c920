import ArgumentParser
import BullpenCore

/// `bullpen job QUEUE ID`: one job with every field.
struct JobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job",
        abstract: "Show one job: data, options, state, progress, logs, result or failure, timestamps.",
        discussion: """
            Timestamps are ISO-8601 UTC. --json prints one object: id, queue, name, state, data, options \
            (durations in milliseconds), attemptsMade, attemptsStarted, maxAttempts, stalls, crashes, \
            progress, returnValue, failedReason, stacktrace, logs, createdAt, processedAt, finishedAt, \
            delay, priority, workerID. Exits 1 when the queue has no such job.

            Examples:
              bullpen job emails 42
              bullpen job emails welcome-42 --json | jq .data
            """)

    @Argument(help: "The queue.")
    var queue: String

    @Argument(help: "The job id.")
    var id: String

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func run() async throws {
        let target = try await connection.connect().queue(queue)
        let found: Job?
        do {
            found = try await target.job(id)
        } catch {
            throw CLIError(error)
        }
        guard let job = found else { throw CLIError(.failure, "queue \(queue) has no job \(id)") }
        print(json ? job.jsonOutput.text : job.textLines.joined(separator: "\n"))
    }
}
