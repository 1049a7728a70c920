import BullpenWorker
import Foundation

/// Handles the `emails` queue: renders a template with the job's data and delivers the message to a mail
/// drop folder, one `.eml` file per message, once per idempotency key. A retried or repeated job with a key
/// that was delivered skips and says so in the job log.
///
/// Data: `{"to": "ada@example.com", "template": "welcome", "vars": {"name": "Ada"}, "idempotencyKey": "welcome:42"}`.
public struct EmailHandler: JobHandler {
    /// Where messages are delivered.
    public var maildrop: String
    /// Where the `<name>.eml.tmpl` templates are.
    public var templates: String
    /// The `From` header.
    public var sender: String

    /// The sender used when none is given.
    public static let defaultSender = "Bullpen Example <noreply@example.invalid>"

    /// A handler with explicit folders.
    public init(maildrop: String, templates: String = "examples/templates", sender: String = EmailHandler.defaultSender) {
        self.maildrop = maildrop
        self.templates = templates
        self.sender = sender
    }

    /// A handler configured from the environment: `BULLPEN_MAILDROP` (default `var/maildrop`) and
    /// `BULLPEN_TEMPLATES` (default `examples/templates`), relative to the working directory.
    public init() {
        let environment = ProcessInfo.processInfo.environment
        self.init(maildrop: environment["BULLPEN_MAILDROP"] ?? "var/maildrop",
                  templates: environment["BULLPEN_TEMPLATES"] ?? "examples/templates")
    }

    public func handle(_ job: Job, context: JobContext) async throws -> EmailDelivery {
        let request = try job.input(EmailRequest.self)
        let recipient = try request.checkedRecipient()
        let key = request.idempotencyKey ?? job.id
        let drop = MailDrop(folder: maildrop)
        var delivery = EmailDelivery(delivered: false, key: key, file: drop.path(forKey: key), messageID: drop.messageID(forKey: key))
        // A cheap early exit for retries; `deliver` below is the check that holds under concurrency.
        if drop.contains(key: key) {
            try await context.log("already delivered: \(key)")
            return delivery
        }
        let (subject, body) = try MailTemplate.load(named: request.template, from: templates).render(request.vars)
        let message = MailMessage(from: sender, to: recipient, subject: subject, body: body, date: Date(),
                                  messageID: delivery.messageID, job: "\(job.queue)/\(job.id)")
        switch try drop.deliver(message.bytes, forKey: key) {
        case .written:
            delivery.delivered = true
            try await context.log("delivered to \(recipient): \(delivery.file)")
        case .alreadyExists:
            try await context.log("already delivered: \(key)")
        }
        return delivery
    }
}
