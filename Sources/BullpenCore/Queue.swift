@_exported import BullpenRedis
import FoundationEssentials
import Synchronization

/// A queue in Redis: add jobs to it, manage them, and (for workers) take and finish them.
///
/// `Queue` is a cheap value that shares a `RedisPool`: create one per queue name and use it from any task.
/// Every state change is one Lua script run with EVALSHA, so each call is one round trip.
///
/// ```swift
/// let emails = try Queue("emails", redis: RedisPool(RedisConfiguration(url: "redis://127.0.0.1:6379/0")))
/// try await emails.add("welcome", data: Welcome(to: user.email), options: .init(jobId: "welcome:\(user.id)"))
/// ```
public struct Queue: Sendable {
    /// The queue's name.
    public let name: String
    /// The queue's Redis keys.
    public let keys: QueueKeys
    /// The queue's settings (prefix, default job options, limits).
    public let settings: QueueSettings
    /// The connections the queue uses.
    public let redis: RedisPool
    private let registration: Registration
    /// Computed once per queue, not per call: the KEYS and first ARGV of every script, and the new-record
    /// templates per distinct job options.
    private let scriptKeys: [String]
    let settingsArguments: [String]
    let templates: RecordTemplates
    /// Decoded job options by their JSON text, for taken jobs.
    let optionsCache = JobOptionsCache()

    /// A queue on a pool of connections. Throws when the name or the settings are invalid.
    public init(_ name: String, redis: RedisPool, settings: QueueSettings = QueueSettings()) throws(QueueError) {
        try QueueName.validate(name)
        try settings.validate()
        self.name = name
        self.keys = QueueKeys(queue: name, prefix: settings.prefix)
        self.settings = settings
        self.redis = redis
        self.registration = Registration()
        self.scriptKeys = keys.scriptKeys
        self.settingsArguments = settings.scriptArguments(queue: name)
        self.templates = RecordTemplates(defaults: settings.defaults)
    }

    /// A queue with a pool of its own, from a configuration.
    public init(_ name: String, redis: RedisConfiguration, settings: QueueSettings = QueueSettings()) throws(QueueError) {
        try self.init(name, redis: RedisPool(redis), settings: settings)
    }

    // MARK: Adding jobs

    /// Adds a job whose data is JSON text. Returns its id and whether it was created (false: a job with
    /// that `jobId` existed and was left as it was).
    @discardableResult
    public func add(_ name: String, json data: String, options: JobOptions = JobOptions()) async throws(QueueError) -> AddedJob {
        try await addBulk([NewJob(name, json: data, options: options)])[0]
    }

    /// Adds a job whose data is any `Encodable` value, encoded as JSON.
    @discardableResult
    public func add<T: Encodable>(_ name: String, data: T, options: JobOptions = JobOptions()) async throws(QueueError) -> AddedJob {
        try await add(name, json: try NewJob.encode(data), options: options)
    }

    /// Adds many jobs in one round trip (scripts of up to 1,000 jobs each, pipelined). Everything is checked
    /// first: when any job is rejected, none is added.
    @discardableResult
    public func addBulk(_ jobs: [NewJob]) async throws(QueueError) -> [AddedJob] {
        var arguments: [[String]] = []
        arguments.reserveCapacity(jobs.count)
        for (index, job) in jobs.enumerated() {
            do {
                arguments.append(try job.scriptArguments(settings: settings, templates: templates))
            } catch {
                throw jobs.count == 1 ? error : QueueError(error.code, "job \(index + 1) of \(jobs.count): \(error.message)")
            }
        }
        try await registerOnce()
        var calls: [RedisScriptCall] = []
        for start in stride(from: 0, to: arguments.count, by: 1000) {
            let chunk = arguments[start..<min(start + 1000, arguments.count)]
            var flat = [String(chunk.count)]
            flat.reserveCapacity(1 + chunk.count * 7)
            for job in chunk { flat += job }
            calls.append(call(QueueScripts.add, flat))
        }
        var added: [AddedJob] = []
        added.reserveCapacity(jobs.count)
        for (index, reply) in try await runAll(calls).enumerated() {
            // {created flags, first auto id}: the ids the queue numbered are consecutive, in job order.
            let start = index * 1000
            guard let parts = reply.array, parts.count == 2, case .bulk(let flags) = parts[0], var nextID = parts[1].int,
                flags.count == min(1000, jobs.count - start)
            else { throw .unexpected("add", reply) }
            for (offset, flag) in flags.enumerated() {
                let id: String
                if let own = jobs[start + offset].options.jobId {
                    id = own
                } else {
                    id = String(nextID)
                    nextID += 1
                }
                added.append(AddedJob(id: id, created: flag == UInt8(ascii: "1")))
            }
        }
        return added
    }

    // MARK: Running scripts

    func call(_ script: RedisScript, _ arguments: [String]) -> RedisScriptCall {
        RedisScriptCall(script, keys: scriptKeys, arguments: settingsArguments + arguments)
    }

    /// Runs one script call; an error reply or a Redis failure is thrown as a `QueueError`.
    func run(_ script: RedisScript, _ arguments: [String], on client: RedisClient? = nil, idempotent: Bool = false)
        async throws(QueueError) -> RedisReply
    {
        try await runAll([call(script, arguments)], on: client, idempotent: idempotent)[0]
    }

    func runAll(_ calls: [RedisScriptCall], on client: RedisClient? = nil, idempotent: Bool = false)
        async throws(QueueError) -> [RedisReply]
    {
        let replies: [RedisReply]
        do {
            replies = try await (client ?? redis.client()).runAll(calls, idempotent: idempotent)
        } catch {
            throw QueueError(.redis, "queue \(name): \(error.message)")
        }
        for (reply, call) in zip(replies, calls) { _ = try checked(reply, of: call) }
        return replies
    }

    /// `reply`, unless it is an error reply: that is thrown, naming the queue and the script.
    func checked(_ reply: RedisReply, of call: RedisScriptCall) throws(QueueError) -> RedisReply {
        if let text = reply.errorMessage { throw QueueError(.redis, "queue \(name): script \(call.script.name): \(text)") }
        return reply
    }

    /// Records the queue in the prefix's registry (for `bullpen stats`) and its layout version, once per
    /// `Queue` value and not on every add.
    private func registerOnce() async throws(QueueError) {
        guard registration.claim() else { return }
        do {
            _ = try await redis.client().pipeline([
                ["SADD", QueueKeys.registry(prefix: settings.prefix), name],
                ["HSETNX", keys.meta, "version", String(Self.layoutVersion)],
            ])
        } catch {
            registration.reset()
            throw QueueError(.redis, "queue \(name): \(error.message)")
        }
    }

    /// The version of the Redis layout, kept in the queue's meta hash so a later release can migrate it.
    public static let layoutVersion = 1
}

/// Whether a `Queue` value has registered its name yet (shared by copies of the value).
private final class Registration: Sendable {
    private let done = Atomic<Bool>(false)
    func claim() -> Bool { done.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged }
    func reset() { done.store(false, ordering: .relaxed) }
}
