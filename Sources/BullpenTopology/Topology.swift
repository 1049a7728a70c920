/// The topology file (`etc/bullpen.yaml`) as validated values: where Redis is, and which queues run how.
///
/// Get one with ``parse(yaml:file:)`` or ``load(path:)``; every default of the file is filled in, and
/// ``render()`` prints it back with the defaults spelled out. Top-level keys starting with `x-` are
/// ignored, as a place for YAML anchors that queues share with `<<: *anchor`.
public struct Topology: Sendable, Equatable {
    /// Where the queues live. Default ``RedisEndpoint/embedded``.
    public var redis: RedisEndpoint
    /// How the embedded Redis runs (used only when ``redis`` is ``RedisEndpoint/embedded``).
    public var embeddedRedis: EmbeddedRedisSetting
    /// The prefix of every Redis key: no `:`, `{`, `}` or whitespace. Default `bullpen`.
    public var prefix: String
    /// How long a drain waits for workers before it kills them. Default 30s.
    public var stopTimeout: Duration
    /// How dead workers are restarted.
    public var restart: RestartPolicy
    /// The queues, in file order.
    public var queues: [QueueTopology]

    /// Creates a topology; the defaults are the file's defaults.
    public init(
        redis: RedisEndpoint = .embedded, embeddedRedis: EmbeddedRedisSetting = .init(),
        prefix: String = "bullpen", stopTimeout: Duration = .seconds(30), restart: RestartPolicy = .init(),
        queues: [QueueTopology] = []
    ) {
        self.redis = redis
        self.embeddedRedis = embeddedRedis
        self.prefix = prefix
        self.stopTimeout = stopTimeout
        self.restart = restart
        self.queues = queues
    }

    /// The queue with this name, if the topology has it.
    public func queue(named name: String) -> QueueTopology? {
        queues.first { $0.name == name }
    }

    /// The stop timeout that applies to `queue`: its own, or the topology's.
    public func stopTimeout(of queue: QueueTopology) -> Duration {
        queue.stopTimeout ?? stopTimeout
    }
}
