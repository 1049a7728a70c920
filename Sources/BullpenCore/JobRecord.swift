import BullpenRedis
import Foundation

/// A job record as the scripts store it (a JSON object in the queue's `jobs` hash, short field names to
/// keep Redis memory down). Numbers come back from Lua's cjson as doubles.
struct JobRecord: Decodable {
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

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        n = try container.decode(String.self, forKey: .n)
        o = try container.decodeIfPresent(String.self, forKey: .o)
        ts = try container.decodeIfPresent(Double.self, forKey: .ts)
        d = try container.decodeIfPresent(Double.self, forKey: .d)
        p = try container.decodeIfPresent(Double.self, forKey: .p)
        lifo = try container.decodeIfPresent(Bool.self, forKey: .lifo)
        a = try container.decodeIfPresent(Double.self, forKey: .a)
        am = try container.decodeIfPresent(Double.self, forKey: .am)
        `as` = try container.decodeIfPresent(Double.self, forKey: .as)
        sc = try container.decodeIfPresent(Double.self, forKey: .sc)
        cc = try container.decodeIfPresent(Double.self, forKey: .cc)
        s = try container.decodeIfPresent(String.self, forKey: .s)
        w = try container.decodeIfPresent(String.self, forKey: .w)
        po = try container.decodeIfPresent(Double.self, forKey: .po)
        fo = try container.decodeIfPresent(Double.self, forKey: .fo)
        pr = try container.decodeIfPresent(String.self, forKey: .pr)
        rv = try container.decodeIfPresent(String.self, forKey: .rv)
        fr = try container.decodeIfPresent(String.self, forKey: .fr)
        // cjson writes an empty Lua table as {}: an empty stack may come back as an object.
        stk = try? container.decodeIfPresent([String].self, forKey: .stk)
    }

    private enum CodingKeys: String, CodingKey {
        case n, o, ts, d, p, lifo, a, am, `as`, sc, cc, s, w, po, fo, pr, rv, fr, stk
    }

    static func decode(_ text: String, id: String) throws(QueueError) -> JobRecord {
        do {
            return try JSONDecoder().decode(JobRecord.self, from: Data(text.utf8))
        } catch {
            throw QueueError(.redis, "job \(id) has an unreadable record: \(error)")
        }
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
    /// The job and lease expiry of a take reply after its `'job'`: id, data, expiry, then the record's fields
    /// in `_queue.lua`'s `recordFields` order (nil when unset), then the stack traces. Nil when malformed.
    static func job(takeReply rest: [RedisReply], queue: String, options: JobOptionsCache) -> (Job, Int64)? {
        guard rest.count == 4 + 18, let id = rest[0].string, let data = rest[1].string, let expiry = rest[2].int,
            let name = rest[3].string
        else { return nil }
        func int(_ index: Int) -> Int64? { rest[3 + index].int }
        func text(_ index: Int) -> String? { rest[3 + index].string }
        // Field positions (0-based after the expiry): n o ts d p lifo a am as sc cc s w po fo pr rv fr.
        let priority = Int(int(4) ?? 0)
        var state = JobState(rawValue: text(11) ?? "waiting") ?? .waiting
        if state == .waiting, priority > 0 { state = .prioritized }
        let job = Job(
            id: id, queue: queue, name: name, data: data, options: text(1).map(options.options) ?? JobOptions(),
            state: state, attemptsMade: Int(int(7) ?? 0), attemptsStarted: Int(int(8) ?? 0),
            maxAttempts: Int(int(6) ?? 1), stalls: Int(int(9) ?? 0), crashes: Int(int(10) ?? 0), progress: text(15),
            returnValue: text(16), failedReason: text(17), stacktrace: rest[21].array?.compactMap(\.string) ?? [],
            createdAt: int(2) ?? 0, processedAt: int(13), finishedAt: int(14), delay: int(3) ?? 0,
            priority: priority, workerID: text(12), logs: [])
        return (job, expiry)
    }
}
