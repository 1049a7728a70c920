/// Script calls waiting for a `RedisClient` to send them, gathered so that calls made while another batch
/// is on the wire leave together in one pipeline (automatic pipelining).
///
/// Ten concurrency slots of a worker that each finish a job and take the next used to queue for the
/// connection one round trip at a time; gathered, they share a round trip, and the server runs their
/// scripts back to back. Each caller still gets exactly its own replies, in order.
struct ScriptBatch: ~Copyable {
    /// One caller's calls and where its replies go.
    struct Entry {
        /// Identifies the entry while it waits (to withdraw it when its caller is cancelled).
        var id: UInt64
        var calls: [RedisScriptCall]
        /// Whether the calls may run twice (sent again once after a lost connection).
        var idempotent: Bool
        /// Whether they were sent again already.
        var retried = false
        var continuation: CheckedContinuation<Result<[RedisReply], RedisError>, Never>
    }

    /// Calls not yet sent.
    var waiting: [Entry] = []
    /// Whether a drain runs on the client (it sends whatever waits, until nothing does).
    var draining = false
    private var lastID: UInt64 = 0

    /// A fresh entry id.
    mutating func nextID() -> UInt64 {
        lastID += 1
        return lastID
    }

    /// Adds an entry; true when the caller must start a drain (none runs).
    mutating func add(_ entry: Entry) -> Bool {
        waiting.append(entry)
        if draining { return false }
        draining = true
        return true
    }

    /// Withdraws a waiting entry (its caller was cancelled); nil when it was sent already.
    mutating func withdraw(_ id: UInt64) -> Entry? {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return nil }
        return waiting.remove(at: index)
    }

    /// Takes every waiting entry.
    mutating func takeAll() -> [Entry] {
        defer { waiting = [] }
        return waiting
    }

    /// Ends the drain when nothing waits (then the next caller starts one); whether it ended.
    mutating func endIfIdle() -> Bool {
        if waiting.isEmpty { draining = false }
        return !draining
    }
}
