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
    /// Whether the drain waits in `poll` with room for another pipeline: a call added wakes it once
    /// `wakeAt` entries wait.
    var listening = false
    /// How many waiting entries make a pipeline worth sending while another is on the wire.
    var wakeAt = 1
    private var lastID: UInt64 = 0

    /// A fresh entry id.
    mutating func nextID() -> UInt64 {
        lastID += 1
        return lastID
    }

    /// What a caller must do after adding its entry.
    enum Nudge {
        /// Nothing: a drain runs and will find the entry.
        case none
        /// Start a drain (none runs).
        case startDrain
        /// Wake the drain, which waits for replies with room to send more.
        case wake
    }

    /// Adds an entry, and says how the drain learns of it.
    mutating func add(_ entry: Entry) -> Nudge {
        waiting.append(entry)
        if !draining {
            draining = true
            return .startDrain
        }
        if listening && waiting.count >= wakeAt {
            listening = false
            return .wake
        }
        return .none
    }

    /// Starts listening for new entries before the drain waits in `poll`, to be woken once `count` wait;
    /// false (and not listening) when that many wait already, to be sent first.
    mutating func listen(wakeAt count: Int) -> Bool {
        wakeAt = max(1, count)
        listening = waiting.count < wakeAt
        return listening
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
