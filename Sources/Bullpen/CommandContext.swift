import BullpenCore
import BullpenRedis
import BullpenTopology

/// A connected command: the setup and a pool to Redis, and the rules for which queue names it accepts.
///
/// Known queues: with a topology, `add` accepts only the topology's queues (a job for a queue no worker
/// runs is almost always a typo); the other commands also accept queues Redis knows (the prefix's registry
/// set), so that a queue removed from the topology can still be inspected, drained or obliterated.
/// Without a topology, every command accepts the queues in the registry. `add --create` accepts any valid
/// name: its first job creates the queue.
struct CommandContext: Sendable {
    /// The resolved setup.
    var setup: CommandSetup
    /// The connections.
    var pool: RedisPool

    /// What a command wants to do with a queue, which decides the names it accepts.
    enum Use {
        /// Add jobs; `create` accepts a queue nobody knows yet.
        case add(create: Bool)
        /// Anything else.
        case manage
        /// A name `knownQueues()` returned: not looked up again.
        case listed
    }

    /// The queue `name`, after checking that the name is valid and known for `use`.
    func queue(_ name: String, for use: Use = .manage) async throws(CLIError) -> Queue {
        do {
            try QueueName.validate(name)
        } catch {
            throw CLIError(error)
        }
        switch use {
        case .add(create: true):
            break
        case .add(create: false):
            let known = if let topology = setup.topology { topology.queues.map(\.name) } else { try await registeredQueues() }
            try Self.require(name, in: known, topology: setup.topology != nil, adding: true)
        case .listed:
            break
        case .manage:
            let known = try await knownQueues()
            try Self.require(name, in: known, topology: setup.topology != nil, adding: false)
        }
        do {
            return try Queue(name, redis: pool, settings: setup.settings(for: name))
        } catch {
            throw CLIError(error)
        }
    }

    /// The topology's queues in file order, then the other queues Redis knows, sorted.
    func knownQueues() async throws(CLIError) -> [String] {
        let fromTopology = setup.topology?.queues.map(\.name) ?? []
        let registered = try await registeredQueues()
        return fromTopology + registered.filter { !fromTopology.contains($0) }
    }

    /// The queues in the prefix's registry set (every queue that ever had a job added), sorted.
    func registeredQueues() async throws(CLIError) -> [String] {
        do throws(RedisError) {
            let reply = try await pool.client().send(["SMEMBERS", QueueKeys.registry(prefix: setup.prefix)], idempotent: true)
            if let text = reply.errorMessage { throw RedisError(.serverError, "SMEMBERS failed: \(text)") }
            return (reply.array ?? []).compactMap(\.string).sorted()
        } catch {
            throw CLIError(error)
        }
    }

    private static func require(_ name: String, in known: [String], topology: Bool, adding: Bool) throws(CLIError) {
        guard !known.contains(name) else { return }
        let listing = known.isEmpty ? "no queues are known yet" : "known queues: " + known.joined(separator: ", ")
        let source = topology ? (adding ? "not in the topology" : "not in the topology or in redis") : "not in redis"
        let hint = adding ? "; pass --create to add it anyway" : ""
        throw CLIError(.usage, "unknown queue \"\(name)\": \(source) (\(listing))\(hint)")
    }
}
