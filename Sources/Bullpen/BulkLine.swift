import BullpenCore

/// One line of a `bullpen add --bulk` file: a JSON object
///
/// ```json
/// {"name": "welcome", "data": {"to": "a@example.com"}, "opts": {"jobId": "welcome-1", "attempts": 3}}
/// ```
///
/// `name` is required; `data` is any JSON value (default `{}`), stored byte for byte; `opts` holds job
/// options with BullMQ's names (see `BulkOptions`). Any problem is `dataError` (65), naming the line.
enum BulkLine {
    /// The keys a line may have.
    static let keys = ["name", "data", "opts"]

    /// Parses and checks line `number` (from 1); its options are laid over `defaults` (the command line's).
    static func parse(_ line: String, number: Int, defaults: JobOptions, settings: QueueSettings) throws(CLIError) -> NewJob {
        func fail(_ detail: String) -> CLIError { CLIError(.dataError, "bulk line \(number): \(detail)") }
        if let problem = JSONText.problem(in: line, maxDepth: settings.maxPayloadDepth + 1) {
            throw fail("not valid JSON: \(problem)")
        }
        guard case .object(let fields)? = JSONInput.parse(line), let raw = JSONObjectMembers.rawValues(in: line) else {
            throw fail("expected an object such as {\"name\": \"welcome\", \"data\": {}, \"opts\": {}}")
        }
        if let unknown = fields.keys.sorted().first(where: { !keys.contains($0) }) {
            throw fail("unknown key \"\(unknown)\" (expected \(keys.joined(separator: ", ")))")
        }
        guard case .string(let name)? = fields["name"] else {
            throw fail(fields["name"].map { "name must be a string, got \($0)" } ?? "missing \"name\"")
        }
        if name.isEmpty || name.utf8.count > NewJob.maxNameLength || name.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw fail("invalid job name \"\(name)\": must be 1 to \(NewJob.maxNameLength) bytes without control characters")
        }
        let data = raw["data"]?.trimmingWhitespace ?? "{}"
        if data.utf8.count > settings.maxPayloadBytes {
            throw fail("data is \(data.utf8.count) bytes, more than the limit of \(settings.maxPayloadBytes)")
        }
        if let problem = JSONText.problem(in: data, maxDepth: settings.maxPayloadDepth) {
            throw fail("data: \(problem)")
        }
        var options = defaults
        if let opts = fields["opts"] {
            guard case .object(let values) = opts else { throw fail("opts must be an object, got \(opts)") }
            do {
                options = try BulkOptions.parse(values).merged(over: defaults)
            } catch {
                throw fail(error.message)
            }
        }
        do {
            try options.validate()
        } catch {
            throw fail(error.message)
        }
        return NewJob(name, json: data, options: options)
    }
}
