import BullpenCore
import BullpenWorker
@testable import ExampleHandlers
import Foundation
import Testing

@Suite struct EmailHandlerTests {
    /// A sandbox with a `welcome` template, and a handler delivering to `<sandbox>/maildrop`.
    func setup() throws -> (Sandbox, EmailHandler) {
        let sandbox = try Sandbox()
        try sandbox.write("templates/welcome.eml.tmpl", "Subject: Welcome, {{name}}!\n\nHello {{ name }},\nyour plan is {{plan}}.\n")
        return (sandbox, EmailHandler(maildrop: sandbox.path("maildrop"), templates: sandbox.path("templates"),
                                      sender: "Example <noreply@example.org>"))
    }

    @Test func deliversTheRenderedMessageWithItsHeaders() async throws {
        let (sandbox, handler) = try setup()
        defer { sandbox.remove() }
        let job = try await run(#"{"to":"ada@example.com","template":"welcome","vars":{"name":"Ada","plan":3},"idempotencyKey":"welcome:42"}"#,
                                through: handler, queue: "emails")
        #expect(job.state == .completed)
        #expect(sandbox.files(in: "maildrop") == ["welcome%3A42.eml"])
        let message = try String(contentsOfFile: sandbox.path("maildrop/welcome%3A42.eml"), encoding: .utf8)
        let (head, body) = try #require(message.split(separator: "\r\n\r\n", maxSplits: 1).map(String.init).twoParts)
        let headers = head.components(separatedBy: "\r\n")
        #expect(headers.contains("From: Example <noreply@example.org>"))
        #expect(headers.contains("To: ada@example.com"))
        #expect(headers.contains("Subject: Welcome, Ada!"))
        #expect(headers.contains("X-Bullpen-Job: emails/1"))
        #expect(headers.contains("Message-ID: \(MailDrop(folder: "").messageID(forKey: "welcome:42"))"))
        #expect(headers.contains { $0.hasPrefix("Date: ") && $0.hasSuffix(" +0000") })
        #expect(body == "Hello Ada,\r\nyour plan is 3.\r\n")
        let delivery = try JSONDecoder().decode(EmailDelivery.self, from: Data((job.returnValue ?? "").utf8))
        #expect(delivery.delivered && delivery.key == "welcome:42")
        #expect(job.logs.contains { $0.hasPrefix("delivered to ada@example.com") })
    }

    @Test func theKeyDefaultsToTheJobID() async throws {
        let (sandbox, handler) = try setup()
        defer { sandbox.remove() }
        let job = try await run(#"{"to":"ada@example.com","template":"welcome","vars":{"name":"Ada","plan":"pro"}}"#,
                                through: handler, queue: "emails")
        #expect(job.state == .completed)
        #expect(sandbox.files(in: "maildrop") == ["1.eml"])
    }

    @Test func aSecondJobWithTheSameKeyWritesNothingAndSaysSo() async throws {
        let (sandbox, handler) = try setup()
        defer { sandbox.remove() }
        let jobs = try await run(["Ada", "Bob"].map { name in
            NewJob("welcome", json: #"{"to":"ada@example.com","template":"welcome","vars":{"name":"\#(name)","plan":"pro"},"idempotencyKey":"welcome:42"}"#)
        }, through: handler, queue: "emails")
        #expect(jobs.map(\.state) == [.completed, .completed])
        #expect(sandbox.files(in: "maildrop") == ["welcome%3A42.eml"])
        let message = try String(contentsOfFile: sandbox.path("maildrop/welcome%3A42.eml"), encoding: .utf8)
        #expect(message.contains("Hello Ada,") && !message.contains("Bob"))
        #expect(jobs[1].logs == ["already delivered: welcome:42"])
        #expect(jobs[1].returnValue?.contains(#""delivered":false"#) == true)
    }

    @Test func concurrentJobsWithTheSameKeyDeliverExactlyOnce() async throws {
        let (sandbox, handler) = try setup()
        defer { sandbox.remove() }
        let data = #"{"to":"ada@example.com","template":"welcome","vars":{"name":"Ada","plan":"pro"},"idempotencyKey":"k"}"#
        let jobs = try await run(Array(repeating: NewJob("welcome", json: data), count: 8), through: handler, queue: "emails", concurrency: 8)
        #expect(jobs.allSatisfy { $0.state == .completed })
        #expect(jobs.filter { $0.returnValue?.contains(#""delivered":true"#) == true }.count == 1)
        #expect(jobs.filter { $0.logs.contains("already delivered: k") }.count == 7)
        // Exactly the message, and no temporary file left behind.
        #expect(sandbox.files(in: "maildrop") == ["k.eml"])
    }

    @Test(arguments: [
        (#""ada@example.com\r\nBcc: eve@example.com""#, "is not a single plain mail address"),
        (#""ada@example.com\nBcc: eve@example.com""#, "is not a single plain mail address"),
        (#""Ada <ada@example.com>""#, "is not a single plain mail address"),
        (#""no-at-sign""#, "is not a single plain mail address"),
        (#""a@b@example.com""#, "is not a single plain mail address"),
    ])
    func aBadRecipientFailsTheJobWithoutRetry(to: String, reason: String) async throws {
        let (sandbox, handler) = try setup()
        defer { sandbox.remove() }
        let job = try await run(#"{"to":\#(to),"template":"welcome","vars":{"name":"Ada","plan":"pro"}}"#,
                                through: handler, queue: "emails", attempts: 5)
        #expect(job.state == .failed && job.attemptsMade == 1)
        #expect(job.failedReason?.contains(reason) == true)
        #expect(sandbox.files(in: "maildrop").isEmpty)
    }

    @Test(arguments: [
        (#""template":"welcome","vars":{"name":"Ada"}"#, #"template "welcome" needs variables the job does not give: plan"#),
        (#""template":"welcome","vars":{}"#, #"template "welcome" needs variables the job does not give: name, plan"#),
        (#""template":"welcome","vars":{"name":"Ada\r\nBcc: eve@example.com","plan":1}"#, "the rendered subject spans lines"),
        (#""template":"goodbye""#, #"unknown template "goodbye": no file"#),
        (#""template":"../templates/welcome""#, #"unknown template "../templates/welcome""#),
        (#""vars":{}"#, "job data does not decode as EmailRequest"),
    ])
    func aTemplateProblemFailsTheJobWithoutRetry(fields: String, reason: String) async throws {
        let (sandbox, handler) = try setup()
        defer { sandbox.remove() }
        let job = try await run(#"{"to":"ada@example.com",\#(fields)}"#, through: handler, queue: "emails", attempts: 5)
        #expect(job.state == .failed && job.attemptsMade == 1)
        #expect(job.failedReason?.contains(reason) == true, "\(job.failedReason ?? "nil")")
        #expect(sandbox.files(in: "maildrop").isEmpty)
    }

    @Test(arguments: [
        ("welcome:42", "welcome%3A42.eml"),
        ("welcome_42", "welcome_42.eml"),
        ("../../etc/passwd", "%2E.%2F..%2Fetc%2Fpasswd.eml"),
        ("order 7/été", "order%207%2F%C3%A9t%C3%A9.eml"),
    ])
    func fileNamesKeepKeysApartAndInsideTheFolder(key: String, file: String) {
        #expect(MailDrop(folder: "drop").fileName(forKey: key) == file)
    }

    @Test func aVeryLongKeyGetsAShortUniqueName() {
        let drop = MailDrop(folder: "drop")
        let one = drop.fileName(forKey: String(repeating: "a", count: 300) + "1")
        let two = drop.fileName(forKey: String(repeating: "a", count: 300) + "2")
        #expect(one != two && one.utf8.count < 255 && two.utf8.count < 255)
    }
}

extension Array {
    /// The two elements of a two-element array.
    fileprivate var twoParts: (Element, Element)? { count == 2 ? (self[0], self[1]) : nil }
}
