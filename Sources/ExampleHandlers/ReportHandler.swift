import BullpenWorker
import Foundation

/// Handles the `reports` queue: the daily revenue from an orders file (`date,order_id,amount_cents,currency`),
/// written to `<reports>/revenue-<date>.txt`. The topology runs it from a cron schedule; a job added by hand
/// works too.
///
/// Data: `{"date": "2026-11-29"}`, or `{}` for the latest day in the file.
public struct ReportHandler: JobHandler {
    /// The data of a `reports` job.
    public struct Request: Codable, Sendable, Hashable {
        /// The day to report (`YYYY-MM-DD`); nil for the latest day in the file.
        public var date: String?

        /// Creates a request.
        public init(date: String? = nil) { self.date = date }
    }

    /// The orders file.
    public var orders: String
    /// Where reports are written.
    public var reports: String

    /// A handler with explicit paths.
    public init(orders: String, reports: String) {
        self.orders = orders
        self.reports = reports
    }

    /// A handler configured from the environment: `BULLPEN_ORDERS` (default `examples/data/orders.csv`) and
    /// `BULLPEN_REPORTS` (default `var/reports`).
    public init() {
        let environment = ProcessInfo.processInfo.environment
        self.init(orders: environment["BULLPEN_ORDERS"] ?? "examples/data/orders.csv",
                  reports: environment["BULLPEN_REPORTS"] ?? "var/reports")
    }

    public func handle(_ job: Job, context: JobContext) async throws -> RevenueSummary {
        // A scheduled job may carry `null` or `{}` as its data: both mean the latest day.
        let request = job.data.trimmingCharacters(in: .whitespacesAndNewlines) == "null" ? Request() : try job.input(Request.self)
        if let date = request.date, !OrderLedger.isISODate(date) {
            throw UnrecoverableError("date \(String(reflecting: date)) is not a YYYY-MM-DD date")
        }
        let ledger = try readLedger()
        if !ledger.skippedLines.isEmpty {
            let shown = ledger.skippedLines.prefix(10).map(String.init).joined(separator: ", ")
            let more = ledger.skippedLines.count > 10 ? ", ..." : ""
            try await context.log("skipped \(ledger.skippedLines.count) malformed rows of \(orders) (lines \(shown)\(more))")
        }
        guard let date = request.date ?? ledger.latestDate else {
            throw UnrecoverableError("no orders in \(orders)")
        }
        var summary = RevenueSummary(date: date, orders: 0, totals: [:], report: "\(reports)/revenue-\(date).txt")
        for order in ledger.orders where order.date == date {
            summary.orders += 1
            summary.totals[order.currency, default: 0] += order.amountCents
        }
        // Replacing is right: a re-run for the same day (new late orders) brings the report up to date.
        _ = try AtomicFile.publish(Array(summary.text.utf8), to: summary.report, exclusive: false)
        try await context.log("\(date): \(summary.orders) orders")
        return summary
    }

    /// A missing orders file is retried (it may be on its way); a file that is not text is not.
    private func readLedger() throws -> OrderLedger {
        let data = try Data(contentsOf: URL(fileURLWithPath: orders))
        guard let text = String(data: data, encoding: .utf8) else {
            throw UnrecoverableError("orders file \(orders) is not UTF-8 text")
        }
        return OrderLedger(csv: text)
    }
}
