import ArgumentParser
import BullpenCore
import BullpenTopology

/// `bullpen jobs QUEUE --state STATE`: a page of the jobs in one state.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "List the jobs of a queue in one state.",
        discussion: """
            Queued states list the next job to run first; completed and failed list the newest first. \
            --json prints {"queue": ..., "state": ..., "total": ..., "offset": ..., "jobs": [...]} with \
            each job as `bullpen job --json` prints it (without logs).

            Examples:
              bullpen jobs emails --state failed
              bullpen jobs emails --state waiting --limit 10 --offset 20
              bullpen jobs emails --state failed --json | jq -r '.jobs[].id'
            """)

    @Argument(help: "The queue.")
    var queue: String

    @Option(help: ArgumentHelp("waiting, prioritized, delayed, active, completed, failed or paused.", valueName: "state"))
    var state = JobState.waiting.rawValue

    @Option(help: ArgumentHelp("The most jobs to list.", valueName: "n"))
    var limit = 50

    @Option(help: ArgumentHelp("Skip this many jobs first.", valueName: "n"))
    var offset = 0

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func validate() throws {
        guard JobState(rawValue: state) != nil else {
            throw ValidationError("unknown state \"\(state)\" (expected \(JobState.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard limit > 0 else { throw ValidationError("--limit must be 1 or more, got \(limit)") }
        guard offset >= 0 else { throw ValidationError("--offset must be 0 or more, got \(offset)") }
    }

    func run() async throws {
        let state = JobState(rawValue: state) ?? .waiting
        let target = try await connection.connect().queue(queue)
        let page: JobPage
        do {
            page = try await target.jobs(state, offset: offset, limit: limit)
        } catch {
            throw CLIError(error)
        }
        if json {
            print(JSONOutput.object([
                ("queue", .string(queue)), ("state", .string(state.rawValue)), ("total", .int(page.total)),
                ("offset", .int(offset)), ("jobs", .array(page.jobs.map(\.jsonOutput))),
            ]).text)
            return
        }
        guard !page.jobs.isEmpty else {
            print(page.total == 0 ? "no \(state.rawValue) jobs in queue \(queue)" : "no \(state.rawValue) jobs past offset \(offset) (\(page.total) in all)")
            return
        }
        let finished = state == .completed || state == .failed
        var columns: [TextTable.Column] = [.init("ID"), .init("NAME"), .init("ATTEMPTS", rightAligned: true), .init("CREATED")]
        if finished { columns.append(.init("FINISHED")) }
        if state == .failed { columns.append(.init("REASON")) }
        var table = TextTable(columns)
        for job in page.jobs {
            var row = [job.id, job.name, "\(job.attemptsMade)/\(job.maxAttempts)", TimestampText.format(job.createdAt)]
            if finished { row.append(job.finishedAt.map(TimestampText.format) ?? "-") }
            if state == .failed { row.append(Self.shortened(job.failedReason ?? "")) }
            table.rows.append(row)
        }
        print(table.lines.joined(separator: "\n"))
        print("\(offset + 1)-\(offset + page.jobs.count) of \(page.total) \(state.rawValue) jobs in queue \(queue)")
    }

    /// The first line of a reason, cut to fit a table.
    static func shortened(_ text: String, limit: Int = 60) -> String {
        let line = text.prefix { $0 != "\n" }
        return line.count > limit ? line.prefix(limit - 1) + "…" : String(line)
    }
}
