import ArgumentParser
import BullpenCore
import BullpenTopology
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `bullpen stats [QUEUE...]`: the queue-health table, once or refreshed with `--watch`.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show how many jobs each queue holds in each state.",
        discussion: """
            Without QUEUE, shows every queue the topology or Redis knows (the topology's in file order, \
            then the others by name). A paused queue is marked "(paused)"; its waiting jobs count as \
            paused.

            --json prints {"queues": [{"name": ..., "waiting": ..., "prioritized": ..., "delayed": ..., \
            "active": ..., "completed": ..., "failed": ..., "paused": ..., "deadLetter": ..., \
            "isPaused": ...}]}, one line per refresh.

            Examples:
              bullpen stats
              bullpen stats emails images --json
              bullpen stats --watch --interval 5s
            """)

    @Argument(help: "The queues to show (default: all known).")
    var queues: [String] = []

    @Flag(help: "Refresh the table until interrupted (Ctrl-C).")
    var watch = false

    @Option(help: ArgumentHelp("The time between refreshes with --watch.", valueName: "duration"))
    var interval = "2s"

    @Option(help: ArgumentHelp("Stop after this many refreshes with --watch.", valueName: "n"))
    var count: Int?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be 1 or more, got \(count)") }
    }

    func run() async throws {
        let pause: Duration
        do {
            pause = try DurationText.parse(interval)
        } catch {
            throw CLIError(.usage, "invalid --interval: \(error.message)")
        }
        guard pause > .zero else { throw CLIError(.usage, "invalid --interval: \(interval) (must be more than 0s)") }
        let context = try await connection.connect()
        var targets: [Queue] = []
        for name in queues { targets.append(try await context.queue(name)) }
        let showAll = queues.isEmpty
        var refreshes = 0
        while true {
            if showAll {
                targets = []
                for name in try await context.knownQueues() { targets.append(try await context.queue(name, for: .listed)) }
            }
            var rows: [(String, JobCounts)] = []
            for queue in targets {
                do {
                    rows.append((queue.name, try await queue.counts()))
                } catch {
                    throw CLIError(error)
                }
            }
            // ANSI: cursor home and clear screen, so each refresh replaces the last.
            if watch, !json { print("\u{1B}[H\u{1B}[2J", terminator: "") }
            print(json ? Self.json(rows).text : Self.table(rows).lines.joined(separator: "\n"))
            if rows.isEmpty, !json { StandardError.note("no queues known under prefix \(context.setup.prefix) at \(context.setup.redis)") }
            fflush(nil)
            refreshes += 1
            guard watch, refreshes < (count ?? .max) else { return }
            try await Task.sleep(for: pause)
        }
    }

    static func table(_ rows: [(String, JobCounts)]) -> TextTable {
        var table = TextTable([
            .init("QUEUE"), .init("WAITING", rightAligned: true), .init("PRIORITIZED", rightAligned: true),
            .init("DELAYED", rightAligned: true), .init("ACTIVE", rightAligned: true),
            .init("COMPLETED", rightAligned: true), .init("FAILED", rightAligned: true),
            .init("PAUSED", rightAligned: true), .init("DEAD-LETTER", rightAligned: true),
        ])
        for (name, counts) in rows {
            table.rows.append([
                counts.isPaused ? "\(name) (paused)" : name, String(counts.waiting), String(counts.prioritized),
                String(counts.delayed), String(counts.active), String(counts.completed), String(counts.failed),
                String(counts.paused), String(counts.deadLetter),
            ])
        }
        return table
    }

    static func json(_ rows: [(String, JobCounts)]) -> JSONOutput {
        .object([("queues", .array(rows.map { name, counts in
            .object([
                ("name", .string(name)), ("waiting", .int(counts.waiting)), ("prioritized", .int(counts.prioritized)),
                ("delayed", .int(counts.delayed)), ("active", .int(counts.active)), ("completed", .int(counts.completed)),
                ("failed", .int(counts.failed)), ("paused", .int(counts.paused)), ("deadLetter", .int(counts.deadLetter)),
                ("isPaused", .bool(counts.isPaused)),
            ])
        }))])
    }
}
