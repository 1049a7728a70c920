import ArgumentParser
import BullpenCore
import BullpenTopology
import Foundation

/// `bullpen schedules list|add|remove`: a queue's repeatable jobs.
struct SchedulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedules",
        abstract: "List, add or remove a queue's repeatable (cron and interval) jobs.",
        discussion: """
            Schedules from the topology file (schedules: under a queue) follow the file on start and \
            reload; those added here stay until removed. Each tick adds exactly one job, whose id is \
            <schedule>@<tick ms>. After downtime, missed ticks are not replayed: the schedule resumes at its \
            next tick (--catch-up runs the last missed tick once).

            Examples:
              bullpen schedules list reports
              bullpen schedules add reports nightly --cron "0 3 * * *" --tz Europe/Berlin --data '{"full":true}'
              bullpen schedules add emails digest --every 15m --limit 10
              bullpen schedules remove reports nightly
            """,
        subcommands: [List.self, Add.self, Remove.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a queue's schedules with their next run times.")

        @Argument(help: "The queue.") var queue: String
        @Option(help: "How many next run times to show.") var next: Int = 3
        @Flag(help: "Print JSON for scripts.") var json = false
        @OptionGroup(title: "Connection") var connection: ConnectionOptions

        func run() async throws {
            let target = try await connection.connect().queue(queue)
            let states: [ScheduleState]
            do { states = try await target.schedules() } catch { throw CLIError(error) }
            let formatter = ISO8601DateFormatter()
            func iso(_ ms: Int64) -> String { formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000)) }
            func upcoming(_ state: ScheduleState) -> [Int64] {
                guard let first = state.next, let rule = try? state.schedule.rule() else { return [] }
                var times = [first]
                while times.count < next, let following = state.schedule.nextTick(after: times.last!, rule: rule) { times.append(following) }
                if let limit = state.schedule.limit { times = Array(times.prefix(max(0, limit - state.runs))) }
                return times
            }
            if json {
                let objects: [[String: Any]] = states.map { state in
                    ["id": state.schedule.id, "job": state.schedule.jobName, "rule": Self.rule(state.schedule),
                     "runs": state.runs, "source": state.source, "next": upcoming(state).map(iso)]
                }
                print(String(decoding: try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .prettyPrinted]), as: UTF8.self))
                return
            }
            if states.isEmpty {
                print("queue \(queue) has no schedules")
                return
            }
            var table = TextTable([.init("ID"), .init("JOB"), .init("RULE"), .init("RUNS", rightAligned: true), .init("SOURCE"), .init("NEXT")])
            for state in states {
                table.rows.append([state.schedule.id, state.schedule.jobName, Self.rule(state.schedule), String(state.runs), state.source,
                                   upcoming(state).map(iso).joined(separator: ", ").nonEmpty ?? "done"])
            }
            for line in table.lines { print(line) }
        }

        static func rule(_ schedule: JobSchedule) -> String {
            if let cron = schedule.cron { return "cron \"\(cron)\" \(schedule.timeZone ?? "UTC")" }
            return "every \(DurationText.format(milliseconds: schedule.every ?? 0))"
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or replace a schedule (upsert by id).")

        @Argument(help: "The queue.") var queue: String
        @Argument(help: "The schedule id.") var id: String
        @Option(help: "A cron expression (5 fields, or 6 with seconds; @daily ...).") var cron: String?
        @Option(help: "The cron expression's time zone (IANA name).") var tz: String = "UTC"
        @Option(help: "An interval instead of cron (15m, 1h).") var every: String?
        @Option(help: "The jobs' name (default: the schedule id).") var name: String?
        @Option(help: "The jobs' data (JSON).") var data: String = "{}"
        @Option(help: "Stop after this many jobs.") var limit: Int?
        @Flag(name: .customLong("catch-up"), help: "After downtime, run the last missed tick once.") var catchUp = false
        @OptionGroup(title: "Connection") var connection: ConnectionOptions

        func run() async throws {
            let schedule: JobSchedule
            switch (cron, every) {
            case (let cron?, nil):
                schedule = JobSchedule(id: id, cron: cron, timeZone: tz, jobName: name, data: data, limit: limit, catchUp: catchUp)
            case (nil, let every?):
                let interval = try JobOptionText.duration("--every", every)
                schedule = JobSchedule(id: id, every: interval, jobName: name, data: data, limit: limit, catchUp: catchUp)
            default:
                throw CLIError(.usage, "give exactly one of --cron and --every")
            }
            let target = try await connection.connect().queue(queue)
            do {
                let next = try await target.upsertSchedule(schedule)
                let when = next.map { ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double($0) / 1000)) } ?? "never"
                print("schedule \(id) of queue \(queue): next run \(when)")
            } catch {
                throw CLIError(error)
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a schedule.")

        @Argument(help: "The queue.") var queue: String
        @Argument(help: "The schedule id.") var id: String
        @OptionGroup(title: "Connection") var connection: ConnectionOptions

        func run() async throws {
            let target = try await connection.connect().queue(queue)
            let removed: Bool
            do { removed = try await target.removeSchedule(id) } catch { throw CLIError(error) }
            guard removed else { throw CLIError(.failure, "queue \(queue) has no schedule \(id)") }
            print("removed schedule \(id) of queue \(queue)")
        }
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
