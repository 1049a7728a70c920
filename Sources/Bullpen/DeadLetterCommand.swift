import ArgumentParser
import BullpenCore
import BullpenRedis
import BullpenTopology
import Foundation

/// `bullpen dead-letter list|show|retry|purge QUEUE`: the jobs that failed for good.
struct DeadLetterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-letter",
        abstract: "List, show, retry or purge the dead-letter queue of a queue.",
        discussion: """
            A job that used up its attempts (or crashed its workers too often) goes to its queue's \
            dead-letter queue with its original data, the error and the time.

            Examples:
              bullpen dead-letter list emails
              bullpen dead-letter show emails 42
              bullpen dead-letter retry emails 42 43
              bullpen dead-letter purge emails --all
            """,
        subcommands: [List.self, Show.self, Retry.self, Purge.self])

    /// `dead-letter list QUEUE`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List dead-lettered jobs, newest first.",
            discussion: """
                --json prints {"queue": ..., "total": ..., "offset": ..., "entries": [...]}, each entry as \
                `dead-letter show --json` prints it.

                Examples:
                  bullpen dead-letter list emails --limit 20
                  bullpen dead-letter list emails --json
                """)

        @Argument(help: "The queue.") var queue: String
        @Option(help: ArgumentHelp("The most entries to list.", valueName: "n")) var limit = 50
        @Option(help: ArgumentHelp("Skip this many entries first.", valueName: "n")) var offset = 0
        @Flag(help: "Print JSON instead of a table.") var json = false
        @OptionGroup(title: "Connection") var connection: ConnectionOptions

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be 1 or more, got \(limit)") }
            guard offset >= 0 else { throw ValidationError("--offset must be 0 or more, got \(offset)") }
        }

        func run() async throws {
            let target = try await connection.connect().queue(queue)
            let page: (total: Int, entries: [DeadLetter])
            do {
                page = try await target.deadLetters(offset: offset, limit: limit)
            } catch {
                throw CLIError(error)
            }
            if json {
                print(JSONOutput.object([
                    ("queue", .string(queue)), ("total", .int(page.total)), ("offset", .int(offset)),
                    ("entries", .array(page.entries.map(\.jsonOutput))),
                ]).text)
                return
            }
            guard !page.entries.isEmpty else {
                print(page.total == 0 ? "no dead-lettered jobs in queue \(queue)" : "no entries past offset \(offset) (\(page.total) in all)")
                return
            }
            var table = TextTable([.init("ID"), .init("NAME"), .init("FAILED AT"), .init("ATTEMPTS", rightAligned: true), .init("ERROR")])
            for entry in page.entries {
                table.rows.append([entry.id, entry.name, TimestampText.format(entry.failedAt), String(entry.attemptsMade),
                                   JobsCommand.shortened(entry.error)])
            }
            print(table.lines.joined(separator: "\n"))
            print("\(offset + 1)-\(offset + page.entries.count) of \(page.total) dead-lettered jobs in queue \(queue)")
        }
    }

    /// `dead-letter show QUEUE ID`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one dead-lettered job.",
            discussion: """
                --json prints id, queue, name, data, options, error, failedAt (ISO-8601 UTC), attemptsMade \
                and crashes. Exits 1 when there is no such entry.

                Examples:
                  bullpen dead-letter show emails 42 --json
                """)

        @Argument(help: "The queue.") var queue: String
        @Argument(help: "The job id.") var id: String
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup(title: "Connection") var connection: ConnectionOptions

        func run() async throws {
            let target = try await connection.connect().queue(queue)
            let entry = try await Self.entry(id, of: target)
            print(json ? entry.jsonOutput.text : entry.textLines.joined(separator: "\n"))
        }

        /// Reads one entry of the queue's dead-letter hash (a read: no script needed).
        static func entry(_ id: String, of queue: Queue) async throws(CLIError) -> DeadLetter {
            let reply: RedisReply
            do {
                reply = try await queue.redis.client().send(["HGET", queue.keys.deadJobs, id], idempotent: true)
            } catch {
                throw CLIError(error)
            }
            guard let text = reply.string else { throw CLIError(.failure, "queue \(queue.name) has no dead-lettered job \(id)") }
            guard let entry = try? JSONDecoder().decode(DeadLetter.self, from: Data(text.utf8)) else {
                throw CLIError(.failure, "dead-lettered job \(id) of queue \(queue.name) has an unreadable entry")
            }
            return entry
        }
    }

    /// `dead-letter retry QUEUE ID...|--all`.
    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send dead-lettered jobs back to their original queue with fresh attempts.",
            discussion: """
                Exits 1 when an id is not in the dead-letter queue.

                Examples:
                  bullpen dead-letter retry emails 42
                  bullpen dead-letter retry emails --all
                """)

        @OptionGroup var selection: DeadLetterSelection
        @OptionGroup(title: "Connection") var connection: ConnectionOptions

        func run() async throws {
            let target = try await connection.connect().queue(selection.queue)
            do {
                let count = try await target.retryDeadLetters(selection.ids)
                print("sent \(count) job\(count == 1 ? "" : "s") back to queue \(selection.queue)")
            } catch {
                throw CLIError(error)
            }
        }
    }

    /// `dead-letter purge QUEUE ID...|--all`.
    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete dead-lettered jobs.",
            discussion: """
                Exits 1 when an id is not in the dead-letter queue.

                Examples:
                  bullpen dead-letter purge emails 42
                  bullpen dead-letter purge emails --all
                """)

        @OptionGroup var selection: DeadLetterSelection
        @OptionGroup(title: "Connection") var connection: ConnectionOptions

        func run() async throws {
            let target = try await connection.connect().queue(selection.queue)
            do {
                let count = try await target.purgeDeadLetters(selection.ids)
                print("deleted \(count) dead-letter entr\(count == 1 ? "y" : "ies") from queue \(selection.queue)")
            } catch {
                throw CLIError(error)
            }
        }
    }
}

/// Which dead-letter entries a `retry` or `purge` handles: ids, or `--all`.
struct DeadLetterSelection: ParsableArguments {
    @Argument(help: "The queue.") var queue: String
    @Argument(help: "The ids of dead-lettered jobs.") var jobIDs: [String] = []
    @Flag(help: "Every entry.") var all = false

    func validate() throws {
        guard !jobIDs.isEmpty != all else { throw ValidationError("give job ids or --all (one of the two)") }
    }

    /// The ids, or nil for all of them.
    var ids: [String]? { all ? nil : jobIDs }
}
