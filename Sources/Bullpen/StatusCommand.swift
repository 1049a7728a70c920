import ArgumentParser
import BullpenCore
import BullpenSupervisor
import Foundation

/// `bullpen status`: every worker process of every supervisor, from their heartbeats in Redis.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every worker process and supervisor slot, from their heartbeats in Redis.",
        discussion: """
            Heartbeats expire: a process that died disappears within 30 s. Slots without a live process \
            (backoff, fatal) are shown from their supervisor's status.

            Examples:
              bullpen status
              bullpen status --json
            """)

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print JSON for scripts.")
    var json = false

    mutating func run() async throws {
        let context = try await connection.connect()
        let prefix = context.setup.prefix
        let client = context.pool.client()
        let workers: [WorkerStatus]
        let supervisors: [SupervisorSnapshot]
        do {
            workers = try await WorkerStatus.all(prefix: prefix, on: client)
            let keys = try await client.send(["ZRANGE", QueueKeys.supervisors(prefix: prefix), "0", "-1"]).array?.compactMap(\.string) ?? []
            let values = keys.isEmpty ? [] : try await client.send(["MGET"] + keys).array ?? []
            supervisors = values.compactMap { $0.string.flatMap { try? JSONDecoder().decode(SupervisorSnapshot.self, from: Data($0.utf8)) } }
        } catch {
            throw CLIError(error)
        }
        if json {
            struct Output: Encodable { var workers: [WorkerStatus]; var supervisors: [SupervisorSnapshot] }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(Output(workers: workers, supervisors: supervisors)), as: UTF8.self))
            return
        }
        var table = TextTable(["QUEUE", "PID", "HOST", "STATE", "DONE", "FAILED", "RUNNING", "RSS", "UP", "RESTARTS", "WORKER"].map {
            TextTable.Column($0, rightAligned: ["PID", "DONE", "FAILED", "RESTARTS"].contains($0))
        })
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        for worker in workers {
            table.rows.append([
                worker.queue, String(worker.pid), worker.host, worker.state, String(worker.finished), String(worker.failed),
                worker.running.isEmpty ? "-" : worker.running.prefix(5).joined(separator: ","),
                "\(worker.rss / (1 << 20))MiB", "\((now - worker.startedAt) / 1000)s", String(worker.restarts), worker.id,
            ])
        }
        for supervisor in supervisors {
            for slot in supervisor.slots where slot.state != "running" {
                table.rows.append([slot.queue, slot.pid.map(String.init) ?? "-", supervisor.host, slot.state, "-", "-", "-", "-", "-",
                             String(slot.restarts), "supervisor \(supervisor.pid) slot \(slot.index)"])
            }
        }
        if table.rows.isEmpty {
            print("no worker processes (heartbeats under prefix \(prefix))")
            return
        }
        for line in table.lines { print(line) }
    }
}
