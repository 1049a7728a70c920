import BullpenCore
import BullpenWorker
@testable import ExampleHandlers
import Foundation
import Testing

/// The files under `examples/` work with the handlers as shipped.
@Suite struct ShippedExamplesTests {
    let examples = repositoryRoot + "/examples"

    @Test func theTemplatesRender() throws {
        let welcome = try MailTemplate.load(named: "welcome", from: examples + "/templates").render(["name": "Ada"])
        #expect(welcome.subject == "Welcome to Bullpen, Ada!")
        #expect(welcome.body.hasPrefix("Hello Ada,\n"))
        let reset = try MailTemplate.load(named: "password-reset", from: examples + "/templates")
            .render(["name": "Ada", "minutes": "30", "link": "https://example.org/reset/abc"])
        #expect(reset.body.contains("within 30 minutes") && reset.body.contains("https://example.org/reset/abc"))
    }

    @Test func theSampleImageMakesA128By96Thumbnail() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let job = try await run(#"{"path":"\#(examples)/images/sample.ppm"}"#,
                                through: ImageHandler(thumbnails: sandbox.path("thumbs")), queue: "images")
        #expect(job.state == .completed)
        #expect(job.returnValue?.hasSuffix(#""width":128}"#) == true && job.returnValue?.contains(#""height":96"#) == true)
        #expect(sandbox.files(in: "thumbs") == ["sample.thumb.ppm"])
    }

    /// The figures for 2026-11-29 were summed independently of this code (a Python `csv` script).
    @Test func theOrdersFileReportsItsLatestDay() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let handler = ReportHandler(orders: examples + "/data/orders.csv", reports: sandbox.path("reports"))
        let job = try await run("{}", through: handler, queue: "reports")
        #expect(job.state == .completed)
        #expect(job.returnValue?.hasPrefix(#"{"date":"2026-11-29","orders":40,"#) == true)
        #expect(job.returnValue?.hasSuffix(#""totals":{"EUR":339115,"GBP":31842,"USD":101075}}"#) == true)
        #expect(!job.logs.contains { $0.hasPrefix("skipped") })
    }
}
