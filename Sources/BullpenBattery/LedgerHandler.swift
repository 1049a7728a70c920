import BullpenWorker
import Foundation

/// The battery app's handler for every queue: it records each attempt in the ledger (started, then done
/// or cancelled), works for the job's `ms`, and aborts its process for a poison job.
public struct LedgerHandler: JobHandler {
    private let queue: String

    /// A handler for the jobs of `queue`.
    public init(queue: String) {
        self.queue = queue
    }

    public func handle(_ job: Job, context: JobContext) async throws -> BatteryResult {
        let work = try job.input(BatteryWork.self)
        record(.started, job, attempt: context.attempt)
        // A poison job takes its whole process down, the way a segfault in a C library would.
        if work.abort == true { abort() }
        do {
            try await Task.sleep(for: .milliseconds(work.ms))
        } catch {
            record(.cancelled, job, attempt: context.attempt)
            throw error
        }
        record(.done, job, attempt: context.attempt)
        return BatteryResult(pid: getpid())
    }

    private func record(_ event: LedgerEntry.Event, _ job: Job, attempt: Int) {
        LedgerWriter.current?.append(LedgerEntry(
            event: event, queue: queue, id: job.id, attempt: attempt, pid: getpid(),
            time: Int64(Date().timeIntervalSince1970 * 1000)))
    }
}

/// The handlers of the battery app (`bullpen-battery-app`): the ledger handler for each of the battery's
/// queues. The queue `broken` has none on purpose: its workers cannot start (the crash-loop scenario).
public enum BatteryApp {
    /// The queues the app has handlers for.
    public static let queues = ["alpha", "beta", "gamma"]

    /// The handlers by queue name.
    public static var handlers: [String: any JobHandler] {
        Dictionary(uniqueKeysWithValues: queues.map { ($0, LedgerHandler(queue: $0) as any JobHandler) })
    }
}
