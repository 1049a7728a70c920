import BullpenProcess
import BullpenWorker
import Dispatch
import Glibc

/// `work-child`: one process running one `Worker` of the benchmark queue until SIGTERM or SIGINT.
enum WorkChild {
    /// How long running jobs may finish after SIGTERM (no-op jobs take microseconds).
    static let stopDeadline = Duration.seconds(5)

    static func run(concurrency: Int, inline: Bool, environment: BenchEnvironment) async throws(AdapterError) {
        if let parent = environment.parent {
            // Dies with the `work` process that spawned it; a parent already gone raises SIGTERM here, and
            // the signal still has its default action, so the process ends at once.
            do {
                guard try ParentDeath.arm(signal: SIGTERM, expectedParent: parent) else { return }
            } catch {
                throw AdapterError(.process, "unable to tie this worker to its parent \(parent): \(error)")
            }
        }
        let latencyLog = try environment.latencyDirectory.map { (directory) throws(AdapterError) in try LatencyLog(directory: directory) }
        // The queue's own pool serves only rare calls (stall recovery goes through the worker's client).
        let queue = try environment.queue(connections: 1)
        // The no-op handler never blocks: it may run on the connection's thread (`--inline`).
        let configuration = WorkerConfiguration(workerID: "peer-bench-\(getpid())", concurrency: concurrency, inlineHandlers: inline)
        let worker = Worker(queue: queue, handler: NoopHandler(latencyLog: latencyLog), configuration: configuration) { event in
            switch event {
            case .error(let message): AdapterOutput.note("worker: \(message)")
            case .refused(let job): AdapterOutput.note("worker: result of job \(job.id) refused: its lease was lost")
            default: break
            }
        }
        let stops = StopSignals { Task { await worker.close(deadline: stopDeadline) } }
        await worker.run()
        // run() returns once the slots end; a close in progress may still be handing jobs back.
        while !worker.isClosed { try? await Task.sleep(for: .milliseconds(10)) }
        withExtendedLifetime(stops) {}
    }
}

/// Calls `onStop` on SIGTERM and SIGINT, through dispatch sources instead of the signals' default action.
/// Created outside the main actor: a closure made on it and run by Dispatch on another thread traps.
final class StopSignals {
    private let sources: [any DispatchSourceSignal]

    init(_ onStop: @escaping @Sendable () -> Void) {
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: onStop)
            source.resume()
            return source
        }
    }

    deinit { for source in sources { source.cancel() } }
}
