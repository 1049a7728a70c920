import FoundationEssentials

/// A job to add: a name, JSON data and options.
public struct NewJob: Sendable, Hashable {
    /// The job's name (selects the handler within the queue).
    public var name: String
    /// The job's data as JSON text.
    public var data: String
    /// The job's options (unset ones come from the queue's defaults).
    public var options: JobOptions

    /// A job with JSON text data.
    public init(_ name: String, json data: String = "{}", options: JobOptions = JobOptions()) {
        self.name = name
        self.data = data
        self.options = options
    }

    /// A job with `Encodable` data.
    public init<T: Encodable>(_ name: String, data: T, options: JobOptions = JobOptions()) throws(QueueError) {
        self.init(name, json: try Self.encode(data), options: options)
    }

    /// The longest job name.
    public static let maxNameLength = 256

    static func encode<T: Encodable>(_ value: T) throws(QueueError) -> String {
        do {
            return String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        } catch {
            throw QueueError(.invalidPayload, "job data of type \(T.self) cannot be encoded as JSON: \(error)")
        }
    }

    /// Validates the job and lays it out as the 7 arguments `add.lua` takes per job: id, name, data, the
    /// record without its leading `{"ts":…,` (built here, so the script runs no cjson), delay, priority, lifo.
    func scriptArguments(settings: QueueSettings, templates: RecordTemplates) throws(QueueError) -> [String] {
        if name.isEmpty || name.utf8.count > Self.maxNameLength || name.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw QueueError(.invalidOption, "invalid job name \"\(name)\": must be 1 to \(Self.maxNameLength) bytes without control characters")
        }
        if data.utf8.count > settings.maxPayloadBytes {
            throw QueueError(.invalidPayload, "job data is \(data.utf8.count) bytes, more than the limit of \(settings.maxPayloadBytes)")
        }
        if let problem = JSONText.problem(in: data, maxDepth: settings.maxPayloadDepth) {
            throw QueueError(.invalidPayload, "job data is not valid JSON: \(problem)")
        }
        if let jobId = options.jobId { try JobID.validate(jobId) }
        let template = try templates.template(for: options)
        let head = "\"n\":" + JSONText.quoted(name)
        let record = head + (options.jobId.map { RecordTemplates.tail(template, jobId: $0) } ?? template.tail)
        return [options.jobId ?? "", name, data, record, template.delay, template.priority, template.lifo]
    }
}

/// The outcome of adding a job.
public struct AddedJob: Sendable, Hashable {
    /// The job's id.
    public var id: String
    /// False when a job with that id existed already (the add was a no-op).
    public var created: Bool

    /// Creates an outcome.
    public init(id: String, created: Bool) {
        self.id = id
        self.created = created
    }
}
