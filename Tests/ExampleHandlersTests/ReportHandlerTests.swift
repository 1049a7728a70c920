import BullpenCore
import BullpenWorker
@testable import ExampleHandlers
import Foundation
import Testing

@Suite struct ReportHandlerTests {
    /// A sandbox with a small orders file (CRLF line ends, a refund and four malformed rows) and a handler
    /// reading it. By hand, 2026-11-29 has 4 good orders: EUR 12.50 - 2.50 = 10.00, USD 9.99 + 40.01 = 50.00.
    func setup() throws -> (Sandbox, ReportHandler) {
        let sandbox = try Sandbox()
        let orders = try sandbox.write("orders.csv", [
            "date,order_id,amount_cents,currency",
            "2026-11-28,a1,1000,EUR",
            "2026-11-29,b1,1250,EUR",
            "2026-11-29,b2,999,USD",
            "2026-11-29,b3,-250,EUR",
            "this is not an order",
            "2026-11-29,b4,12.50,EUR",
            "2026-11-29,b5,500,eur",
            "2026-11-29,b6,300",
            "2026-11-29,b7,4001,USD",
            "",
        ].joined(separator: "\r\n"))
        return (sandbox, ReportHandler(orders: orders, reports: sandbox.path("reports")))
    }

    @Test(arguments: [#"{"date":"2026-11-29"}"#, "{}", "null"])
    func totalsForADayMatchTheHandComputedFigures(data: String) async throws {
        let (sandbox, handler) = try setup()
        defer { sandbox.remove() }
        let job = try await run(data, through: handler, queue: "reports")
        #expect(job.state == .completed)
        let report = sandbox.path("reports/revenue-2026-11-29.txt")
        #expect(job.returnValue == #"{"date":"2026-11-29","orders":4,"report":"\#(report)","totals":{"EUR":1000,"USD":5000}}"#)
        #expect(try String(contentsOfFile: report, encoding: .utf8) == "Daily revenue for 2026-11-29\norders: 4\nEUR 10.00\nUSD 50.00\n")
        #expect(job.logs.contains("skipped 4 malformed rows of \(sandbox.path("orders.csv")) (lines 6, 7, 8, 9)"))
    }

    @Test func anEarlierDayCountsOnlyItsOrders() async throws {
        let (sandbox, handler) = try setup()
        defer { sandbox.remove() }
        let job = try await run(#"{"date":"2026-11-28"}"#, through: handler, queue: "reports")
        #expect(job.returnValue?.contains(#""orders":1"#) == true && job.returnValue?.contains(#""totals":{"EUR":1000}"#) == true)
        #expect(sandbox.files(in: "reports") == ["revenue-2026-11-28.txt"])
    }

    @Test(arguments: ["2026-13-01", "yesterday", "../../x"])
    func aBadDateFailsWithoutRetry(date: String) async throws {
        let (sandbox, handler) = try setup()
        defer { sandbox.remove() }
        let job = try await run(#"{"date":"\#(date)"}"#, through: handler, queue: "reports", attempts: 2)
        #expect(job.state == .failed && job.attemptsMade == 1)
        #expect(job.failedReason == "date \"\(date)\" is not a YYYY-MM-DD date")
        #expect(sandbox.files(in: "reports").isEmpty)
    }

    @Test(arguments: [(123456, "1234.56"), (5, "0.05"), (-5, "-0.05"), (100, "1.00"), (0, "0.00"), (-1999, "-19.99")])
    func amountsPrintInMajorUnits(cents: Int, text: String) {
        #expect(RevenueSummary.format(cents: cents) == text)
    }
}
