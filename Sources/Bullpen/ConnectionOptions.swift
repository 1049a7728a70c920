import ArgumentParser
import BullpenCore
import BullpenRedis
import BullpenTopology
import Foundation

/// The flags every command that talks to Redis takes: which topology, which Redis, which key prefix.
///
/// Precedence, highest first: `--redis` / `--prefix`, then `BULLPEN_REDIS_URL`, then the topology's `redis:`
/// and `prefix:`, then `redis://127.0.0.1:6379` and `bullpen`. The topology is `--config FILE`, or
/// `etc/bullpen.yaml` when that file exists, or none.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The topology file: where Redis is, the key prefix, the queues and their job defaults.",
        discussion: "Default: etc/bullpen.yaml when it exists, else none.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp(
        "The Redis URL (redis://[user:pass@]host[:port][/db] or unix:///path.sock); overrides the topology and BULLPEN_REDIS_URL.",
        valueName: "url"))
    var redis: String?

    @Option(name: .long, help: ArgumentHelp("The key prefix (default: the topology's, else bullpen).", valueName: "prefix"))
    var prefix: String?

    /// The topology file used when `--config` is not given, if it exists.
    static let defaultConfigPath = "etc/bullpen.yaml"
    /// The Redis used when nothing names one.
    static let defaultRedisURL = "redis://127.0.0.1:6379"
    /// The environment variable naming the Redis URL.
    static let redisEnvironmentVariable = "BULLPEN_REDIS_URL"

    /// Reads the topology (if any) and settles the Redis address and prefix; nothing touches the network.
    func resolve() throws(CLIError) -> CommandSetup {
        var configPath = config
        if configPath == nil, FileManager.default.fileExists(atPath: Self.defaultConfigPath) {
            configPath = Self.defaultConfigPath
        }
        var topology: Topology?
        if let configPath {
            do {
                topology = try Topology.load(path: configPath)
            } catch {
                throw CLIError(error, file: configPath)
            }
        }
        let environment = ProcessInfo.processInfo.environment[Self.redisEnvironmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        let url: String
        let source: String
        if let redis {
            (url, source) = (redis, "--redis")
        } else if let environment {
            (url, source) = (environment, Self.redisEnvironmentVariable)
        } else if let topology, let configPath {
            (url, source) = (TopologyConnection.url(for: topology, configPath: configPath), configPath)
        } else {
            (url, source) = (Self.defaultRedisURL, "the default")
        }
        var redisConfiguration: RedisConfiguration
        do {
            redisConfiguration = try RedisConfiguration(url: url)
        } catch {
            throw CLIError(.usage, "\(error.message) (from \(source))")
        }
        // A command line tool should answer quickly when Redis is away: short connection attempts.
        redisConfiguration.connectTimeout = 2
        let prefix = prefix ?? topology?.prefix ?? "bullpen"
        do {
            try QueueName.validatePrefix(prefix)
        } catch {
            throw CLIError(error)
        }
        return CommandSetup(topology: topology, configPath: configPath, redis: redisConfiguration, prefix: prefix)
    }

    /// Resolves and connects (see `CommandSetup.connect()`).
    func connect() async throws(CLIError) -> CommandContext {
        try await resolve().connect()
    }
}
