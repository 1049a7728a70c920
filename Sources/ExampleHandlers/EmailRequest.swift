import BullpenWorker

/// The data of an `emails` job:
/// `{"to": "ada@example.com", "template": "welcome", "vars": {"name": "Ada"}, "idempotencyKey": "welcome:42"}`.
public struct EmailRequest: Codable, Sendable, Hashable {
    /// The recipient's address.
    public var to: String
    /// The template's name: `<templates>/<name>.eml.tmpl`.
    public var template: String
    /// The values of the template's `{{placeholders}}`.
    public var vars: [String: TemplateValue]
    /// Deliveries with the same key happen once; defaults to the job id.
    public var idempotencyKey: String?

    /// Creates a request.
    public init(to: String, template: String, vars: [String: TemplateValue] = [:], idempotencyKey: String? = nil) {
        self.to = to
        self.template = template
        self.vars = vars
        self.idempotencyKey = idempotencyKey
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        to = try container.decode(String.self, forKey: .to)
        template = try container.decode(String.self, forKey: .template)
        vars = try container.decodeIfPresent([String: TemplateValue].self, forKey: .vars) ?? [:]
        idempotencyKey = try container.decodeIfPresent(String.self, forKey: .idempotencyKey)
    }

    /// The recipient, checked to be one plain address: a CR or LF would let the data add mail headers of
    /// its own (header injection), so anything but `local@domain` fails the job for good.
    func checkedRecipient() throws -> String {
        let parts = to.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden = Set("<>(),;:\"\\[]")
        let clean = to.unicodeScalars.allSatisfy { scalar in
            !scalar.properties.isWhitespace && !(scalar.value < 0x20 || scalar.value == 0x7F)
                && !forbidden.contains(Character(scalar))
        }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, clean, to.utf8.count <= 254 else {
            throw UnrecoverableError("recipient \(String(reflecting: to)) is not a single plain mail address")
        }
        return to
    }
}
