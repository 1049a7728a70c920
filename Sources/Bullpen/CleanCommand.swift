import ArgumentParser
import BullpenCore
import BullpenTopology

/// `bullpen clean QUEUE --state completed|failed|dead --older-than DURATION`: deletes old finished jobs.
struct CleanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Delete completed, failed or dead-lettered jobs that finished some time ago.",
        discussion: """
            Deletes at most --limit jobs that finished more than --older-than ago, always keeping the \
            newest --keep whatever their age. Prints how many were deleted.

            Examples:
              bullpen clean emails --state completed --older-than 1d
              bullpen clean emails --state failed --older-than 0s --keep 100
              bullpen clean emails --state dead --older-than 30d --limit 1000
            """)

    @Argument(help: "The queue.")
    var queue: String

    @Option(help: ArgumentHelp("completed, failed or dead (the dead-letter queue).", valueName: "state"))
    var state: String

    @Option(name: .customLong("older-than"), help: ArgumentHelp("Only jobs that finished longer ago than this (0s: all).", valueName: "duration"))
    var olderThan: String

    @Option(help: ArgumentHelp("The most jobs to delete.", valueName: "n"))
    var limit = 10_000

    @Option(help: ArgumentHelp("Keep the newest this many, whatever their age.", valueName: "n"))
    var keep = 0

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func validate() throws {
        guard CleanableState(rawValue: state) != nil else {
            throw ValidationError("unknown state \"\(state)\" (expected completed, failed or dead)")
        }
        guard limit > 0 else { throw ValidationError("--limit must be 1 or more, got \(limit)") }
        guard keep >= 0 else { throw ValidationError("--keep must be 0 or more, got \(keep)") }
    }

    func run() async throws {
        guard !olderThan.hasPrefix("-"), let age = try? DurationText.parse(olderThan) else {
            let detail = olderThan.hasPrefix("-") ? "\(olderThan) (must be 0 or more)" : "\"\(olderThan)\" (expected a duration such as 1d, 12h or 0s)"
            throw CLIError(.usage, "invalid --older-than: \(detail)")
        }
        let cleaned = CleanableState(rawValue: state) ?? .completed
        let target = try await connection.connect().queue(queue)
        do {
            let count = try await target.clean(cleaned, olderThan: age, limit: limit, keep: keep)
            let what = cleaned == .dead ? "dead-letter entr\(count == 1 ? "y" : "ies")" : "\(state) job\(count == 1 ? "" : "s")"
            print("deleted \(count) \(what) from queue \(queue)")
        } catch {
            throw CLIError(error)
        }
    }
}
