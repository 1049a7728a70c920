import BullpenCore
import BullpenRedis
import BullpenTopology

/// What a command works against, settled from its flags, the environment and the topology, before any
/// network traffic.
struct CommandSetup: Sendable {
    /// The topology, when one was loaded.
    var topology: Topology?
    /// The topology file's path, when one was loaded.
    var configPath: String?
    /// Where Redis is.
    var redis: RedisConfiguration
    /// The key prefix.
    var prefix: String

    /// How long a command keeps trying to reach Redis before it exits with `tempFail`.
    static let reconnect = RedisReconnectPolicy(initialDelay: 0.05, maximumDelay: 0.5, giveUpAfter: 3)

    /// Connects to Redis and checks that it answers (exit 75 when it does not).
    func connect() async throws(CLIError) -> CommandContext {
        let pool = RedisPool(redis, size: 2, reconnect: Self.reconnect)
        do throws(RedisError) {
            let reply = try await pool.client().send(["PING"], idempotent: true)
            if let text = reply.errorMessage { throw RedisError(.serverError, "redis at \(redis) answered PING with \(text)") }
        } catch {
            throw CLIError(error)
        }
        return CommandContext(setup: self, pool: pool)
    }

    /// The settings of queue `name`: from the topology when it has the queue, else the defaults; always
    /// with the resolved prefix (`--prefix` wins over the topology's).
    func settings(for name: String) -> QueueSettings {
        var settings = QueueSettings(prefix: prefix)
        if let topology, let queue = topology.queue(named: name) {
            settings = QueueSettings(topology: topology, queue: queue)
            settings.prefix = prefix
        }
        return settings
    }
}
