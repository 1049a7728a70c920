import BullpenRedis
import FoundationEssentials

/// A job record as the scripts store it (one field of the queue's `jobs` hash: a JSON object as `add`
/// writes it, MessagePack once a script rewrote it; short field names keep Redis memory down). Numbers
/// are kept as doubles, as Lua has them.
struct JobRecord {
    var n: String
    var o: String?
    var ts: Double?
    var d: Double?
    var p: Double?
    var lifo: Bool?
    var a: Double?
    var am: Double?
    var `as`: Double?
    var sc: Double?
    var cc: Double?
    var s: String?
    var w: String?
    var po: Double?
    var fo: Double?
    var pr: String?
    var rv: String?
    var fr: String?
    var stk: [String]?

    /// A record as JSON text (`get` and `list` hand records out as JSON).
    static func decode(_ text: String, id: String) throws(QueueError) -> JobRecord {
        try decode(stored: Array(text.utf8), id: id)
    }
}

extension Job {
    init(id: String, queue: String, record: JobRecord, data: String, logs: [String] = [], paused: Bool = false) {
        var state = JobState(rawValue: record.s ?? "waiting") ?? .waiting
        if state == .waiting, (record.p ?? 0) > 0 { state = .prioritized }
        if state == .waiting, paused { state = .paused }
        let options = record.o.flatMap { try? JSONDecoder().decode(JobOptions.self, from: Data($0.utf8)) } ?? JobOptions()
        self.init(
            id: id, queue: queue, name: record.n, data: data, options: options, state: state,
            attemptsMade: Int(record.am ?? 0), attemptsStarted: Int(record.as ?? 0), maxAttempts: Int(record.a ?? 1),
            stalls: Int(record.sc ?? 0), crashes: Int(record.cc ?? 0), progress: record.pr, returnValue: record.rv,
            failedReason: record.fr, stacktrace: record.stk ?? [], createdAt: Int64(record.ts ?? 0),
            processedAt: record.po.map { Int64($0) }, finishedAt: record.fo.map { Int64($0) },
            delay: Int64(record.d ?? 0), priority: Int(record.p ?? 0), workerID: record.w, logs: logs)
    }
}

extension JobRecord {
    /// A record from its stored fields (nil when they are not a map with a name). One pass over the
    /// fields a record has (a few): a lookup per field a record may have cost a twelfth of a worker's CPU.
    init?(stored value: StoredValue) {
        guard case .map(let fields) = value, let name = fields["n"]?.string else { return nil }
        n = name
        for (key, field) in fields {
            switch key {
            case "o": o = field.string
            case "ts": ts = field.number
            case "d": d = field.number
            case "p": p = field.number
            case "lifo": if case .bool(let flag) = field { lifo = flag }
            case "a": a = field.number
            case "am": am = field.number
            case "as": `as` = field.number
            case "sc": sc = field.number
            case "cc": cc = field.number
            case "s": s = field.string
            case "w": w = field.string
            case "po": po = field.number
            case "fo": fo = field.number
            case "pr": pr = field.string
            case "rv": rv = field.string
            case "fr": fr = field.string
            case "stk": if case .array(let lines) = field { stk = lines.compactMap(\.string) }
            default: break
            }
        }
    }

    /// A record as the `jobs` hash stores it: JSON as `add` wrote it (it starts with `{`; records are flat
    /// objects), MessagePack once a script rewrote it.
    static func decode(stored bytes: [UInt8], id: String) throws(QueueError) -> JobRecord {
        let json = bytes.first == UInt8(ascii: "{")
        let value = json ? StoredValue.decode(flatJSON: bytes) : StoredValue.decode(messagePack: bytes)
        guard let value, let record = JobRecord(stored: value) else {
            throw QueueError(.redis, "job \(id) has an unreadable record (\(bytes.count) bytes of \(json ? "JSON" : "MessagePack"))")
        }
        return record
    }

    /// The job and lease expiry of a take reply after its `'job'`: id, data, expiry, the record as stored,
    /// and the attempt's start time. The record is as it was before the take: the attempt it starts is
    /// added here (state, attempts started, start time, worker), as `withLease` in `_queue.lua` does.
    static func job(takeReply rest: [RedisReply], queue: String, workerID: String, options: JobOptionsCache)
        throws(QueueError) -> (Job, Int64)?
    {
        guard rest.count == 5, let id = rest[0].string, let data = rest[1].string, let expiry = rest[2].int,
            case .bulk(let stored) = rest[3], let started = rest[4].int
        else { return nil }
        let record = try decode(stored: stored, id: id)
        let job = Job(
            id: id, queue: queue, name: record.n, data: data, options: record.o.map(options.options) ?? JobOptions(),
            state: .active, attemptsMade: Int(record.am ?? 0), attemptsStarted: Int(record.as ?? 0) + 1,
            maxAttempts: Int(record.a ?? 1), stalls: Int(record.sc ?? 0), crashes: Int(record.cc ?? 0),
            progress: record.pr, returnValue: record.rv, failedReason: record.fr, stacktrace: record.stk ?? [],
            createdAt: Int64(record.ts ?? 0), processedAt: started, finishedAt: record.fo.map { Int64($0) },
            delay: Int64(record.d ?? 0), priority: Int(record.p ?? 0), workerID: workerID, logs: [])
        return (job, expiry)
    }
}
