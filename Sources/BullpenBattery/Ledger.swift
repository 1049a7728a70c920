import Foundation

/// The battery's ledger file, read back as entries and the questions the scenarios ask of it.
public struct Ledger: Sendable {
    /// Every entry, in file order.
    public let entries: [LedgerEntry]

    /// Reads the ledger at `path` (an absent file is an empty ledger).
    public init(path: String) {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        entries = text.split(separator: "\n").compactMap(LedgerEntry.init(line:))
    }

    /// Creates a ledger of the given entries.
    public init(entries: [LedgerEntry]) {
        self.entries = entries
    }

    /// The entries with the given event.
    public func entries(_ event: LedgerEntry.Event) -> [LedgerEntry] {
        entries.filter { $0.event == event }
    }

    /// `queue/id` of every job the handler finished at least once.
    public var doneJobs: Set<String> {
        Set(entries(.done).map { "\($0.queue)/\($0.id)" })
    }

    /// The started entries of each job (`queue/id`), in order.
    public var startsByJob: [String: [LedgerEntry]] {
        Dictionary(grouping: entries(.started), by: { "\($0.queue)/\($0.id)" })
    }

    /// The jobs that started more than once, with their starts.
    public var rerunJobs: [String: [LedgerEntry]] {
        startsByJob.filter { $0.value.count > 1 }
    }

    /// The pids that ran at least one job.
    public var pids: Set<Int32> {
        Set(entries.map(\.pid))
    }
}
