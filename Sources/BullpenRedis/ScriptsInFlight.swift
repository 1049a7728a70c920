/// Script calls a `RedisClient` has sent and whose replies it still reads: up to `limit` pipelines
/// (`RedisClient.pipelinesInFlight`), answered in the order they were sent.
///
/// Two pipelines on the wire keep the server busy: while it runs one, the calls that the replies of the
/// one before set free (a worker's slots finishing and taking) leave as the next, instead of waiting until
/// the server has answered and idles.
struct ScriptsInFlight {
    /// How many pipelines may be on the wire at once.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// A pipeline sent: its callers, how its calls travel, and the replies read so far.
    struct Pipeline {
        var entries: [ScriptBatch.Entry]
        var plan: WirePlan
        var replies: [RedisReply] = []
    }

    private var pipelines: [Pipeline] = []

    var isEmpty: Bool { pipelines.isEmpty }
    /// Whether another pipeline may be sent.
    var hasRoom: Bool { pipelines.count < limit }
    /// How many callers wait for their replies.
    var entries: Int { pipelines.reduce(0) { $0 + $1.entries.count } }
    /// How many replies are still to come.
    var outstanding: Int { pipelines.reduce(0) { $0 + $1.plan.commands.count - $1.replies.count } }

    mutating func append(_ entries: [ScriptBatch.Entry], plan: WirePlan) {
        pipelines.append(Pipeline(entries: entries, plan: plan))
    }

    /// Takes a reply, in order; returns the oldest pipeline once all its replies are there.
    mutating func receive(_ reply: RedisReply) -> Pipeline? {
        guard !pipelines.isEmpty else { return nil }
        pipelines[0].replies.append(reply)
        guard pipelines[0].replies.count == pipelines[0].plan.commands.count else { return nil }
        return pipelines.removeFirst()
    }

    /// Takes every entry still waiting for replies (the connection broke), oldest first.
    mutating func abandon() -> [ScriptBatch.Entry] {
        defer { pipelines = [] }
        return pipelines.flatMap(\.entries)
    }
}
