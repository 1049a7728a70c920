import ArgumentParser
import BullpenCore
import BullpenRedis
import BullpenTopology
import BullpenWorker
import Foundation

/// `bullpen worker`: one worker process for one queue. The supervisor runs it with the settings of the
/// topology; it is usable by hand as well.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run one worker process for one queue (what the supervisor runs per process slot).",
        discussion: """
            The queue's settings come from the topology (concurrency, lease, limiter, timeout, exec handler, \
            max_jobs_per_process); flags override them. The handler is the queue's exec handler when the \
            topology has one, else the Swift handler the executable registered for the queue.

            SIGTERM or SIGINT: stop taking jobs, let running ones finish for stop_timeout, hand the rest back \
            to the queue, exit 0. SIGTSTP: stop taking jobs, keep running ones.

            Examples:
              bullpen worker --queue emails
              bullpen worker --queue emails --redis redis://127.0.0.1:6379 --concurrency 4
            """)

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The queue to run.")
    var queue: String

    @Option(name: .customLong("worker-id"), help: "This worker's id (default: host:pid:queue).")
    var workerID: String?

    @Option(help: "Jobs run at once (default: the topology's, else 1).")
    var concurrency: Int?

    @Option(help: "Jobs taken ahead of those running, while jobs run short (default: the topology's, else twice --concurrency, or 0 for a concurrency of 1; 0 for none).")
    var prefetch: Int?

    mutating func run() async throws {
        if let concurrency, !(1...1000).contains(concurrency) {
            throw CLIError(.usage, "invalid --concurrency \(concurrency) (expected 1 to 1000)")
        }
        if let prefetch, !(0...1000).contains(prefetch) {
            throw CLIError(.usage, "invalid --prefetch \(prefetch) (expected 0 to 1000)")
        }
        let setup = try connection.resolve()
        let queueTopology = setup.topology?.queue(named: queue)
        if setup.topology != nil, queueTopology == nil {
            throw CLIError(.usage, "unknown queue \"\(queue)\": the topology \(setup.configPath ?? "") has \(setup.topology!.queues.map(\.name).joined(separator: ", "))")
        }
        let settings = setup.settings(for: queue)
        let queueValue: Queue
        do {
            queueValue = try Queue(queue, redis: RedisPool(setup.redis, size: 2, reconnect: .forever), settings: settings)
        } catch {
            throw CLIError(error)
        }
        let handler = try Self.handler(for: queue, topology: queueTopology)
        let topologyQueue = queueTopology ?? QueueTopology(name: queue)
        let id = workerID ?? ProcessInfo.processInfo.environment["BULLPEN_WORKER_ID"]
            ?? "\(ProcessInfo.processInfo.hostName):\(getpid()):\(queue)"
        let worker = WorkerConfiguration(
            workerID: id, concurrency: concurrency ?? topologyQueue.concurrency, lease: topologyQueue.lease,
            stalledInterval: topologyQueue.stalledInterval, maxStalls: topologyQueue.maxStalled,
            rateLimit: topologyQueue.limiter.map { RateLimit(max: $0.max, per: $0.duration) },
            defaultTimeout: topologyQueue.handler?.timeout, maxJobs: topologyQueue.maxJobsPerProcess,
            prefetch: prefetch ?? topologyQueue.prefetch)
        // Running jobs get the whole stop timeout, as documented; the supervisor waits a grace period
        // past it (SupervisorTiming.handBackGrace) for the hand-back before it sends SIGKILL.
        let stopTimeout = topologyQueue.stopTimeout ?? setup.topology?.stopTimeout ?? .seconds(30)
        // Under a supervisor the id ends with the slot's spawn generation (1 for the first worker).
        let supervised = ProcessInfo.processInfo.environment[BullpenWorker.WorkerProcess.supervisorVariable] != nil
        let restarts = supervised ? max(0, (Int(id.split(separator: ":").last ?? "") ?? 1) - 1) : 0
        let options = WorkerProcessOptions(
            queue: queueValue, handler: handler, worker: worker,
            stopTimeout: stopTimeout, restarts: restarts)
        let code = await BullpenWorker.WorkerProcess.run(options) { StandardError.line("bullpen: \($0)") }
        if code != 0 { throw ExitCode(code) }
    }

    /// The queue's exec handler from the topology, else the registered Swift handler.
    static func handler(for queue: String, topology: QueueTopology?) throws(CLIError) -> any JobHandler {
        if let exec = topology?.handler {
            return ExecHandler(argv: exec.argv, maxOutput: Int(clamping: exec.maxOutput))
        }
        guard let handler = Bullpen.handlers[queue] else {
            let known = Bullpen.handlers.keys.sorted()
            throw CLIError(.config, "no handler for queue \"\(queue)\": this executable registers "
                + (known.isEmpty ? "no Swift handlers (link the Bullpen library and pass them to Bullpen.main(handlers:)), " : "\(known.joined(separator: ", ")), ")
                + "and the topology gives it no exec handler")
        }
        return handler
    }
}
