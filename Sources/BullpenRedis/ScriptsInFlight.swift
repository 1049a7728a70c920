/// Script calls a `RedisClient` has sent and whose replies it still reads: up to `ScriptsInFlight.limit`
/// pipelines, answered in the order they were sent.
///
/// Two pipelines on the wire keep the server busy: while it runs one, the calls that the replies of the
/// one before set free (a worker's slots finishing and taking) leave as the next, instead of waiting until
/// the server has answered and idles.
struct ScriptsInFlight {
    /// How many pipelines may be on the wire at once.
    static let limit = 2

    /// The pipelines sent, oldest first; each a list of entries.
    private var pipelines: [[ScriptBatch.Entry]] = []
    /// The replies received for the oldest entry so far.
    private var partial: [RedisReply] = []

    var isEmpty: Bool { pipelines.isEmpty }
    /// Whether another pipeline may be sent.
    var hasRoom: Bool { pipelines.count < Self.limit }

    mutating func append(_ pipeline: [ScriptBatch.Entry]) {
        pipelines.append(pipeline)
    }

    /// Takes a reply, in order; returns the entry it completes with all its replies, if it does.
    mutating func receive(_ reply: RedisReply) -> (ScriptBatch.Entry, [RedisReply])? {
        guard let entry = pipelines.first?.first else { return nil }
        partial.append(reply)
        guard partial.count == entry.calls.count else { return nil }
        defer { partial = [] }
        pipelines[0].removeFirst()
        if pipelines[0].isEmpty { pipelines.removeFirst() }
        return (entry, partial)
    }

    /// How many entries wait for their replies.
    var entries: Int { pipelines.reduce(0) { $0 + $1.count } }

    /// How many replies are still to come.
    var outstanding: Int {
        pipelines.reduce(0) { sum, pipeline in sum + pipeline.reduce(0) { $0 + $1.calls.count } } - partial.count
    }

    /// Takes every entry still waiting for replies (the connection broke), oldest first.
    mutating func abandon() -> [ScriptBatch.Entry] {
        defer {
            pipelines = []
            partial = []
        }
        return pipelines.flatMap { $0 }
    }
}
