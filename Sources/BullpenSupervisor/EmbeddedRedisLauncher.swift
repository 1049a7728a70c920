/// How the supervisor starts its private `redis-server` when the topology says `redis: embedded`.
///
/// The server runs with AOF on and `appendfsync everysec`: Redis writes the AOF before it answers, so a
/// crash of redis-server itself loses no acknowledged job; a crash of the whole machine can lose about
/// the last second (`always` would fsync every write, at a large cost in throughput). It listens on a
/// unix socket in its data folder (mode 700), and on 127.0.0.1 only when `embedded_redis.port` is set.
public struct EmbeddedRedisLauncher: Sendable, Hashable {
    /// The `redis-server` binary; nil looks in /usr/bin, /usr/local/bin, /usr/sbin, then `PATH`.
    public var serverPath: String?
    /// A binary that understands ``ParentDeathExec/subcommand`` (the supervisor's own, by default), used
    /// as a trampoline so redis-server dies with the supervisor; nil spawns redis-server directly (it then
    /// outlives a SIGKILLed supervisor and holds the data folder until killed by hand).
    public var trampoline: String?
    /// `appendfsync`: `everysec` (default) or `always`.
    public var appendFsync: String
    /// More `redis-server` arguments, appended last (they win over the defaults).
    public var extraArguments: [String]

    /// Creates a launcher; `trampoline` is usually `ExecutablePath.current()`.
    public init(
        serverPath: String? = nil, trampoline: String?, appendFsync: String = "everysec", extraArguments: [String] = []
    ) {
        self.serverPath = serverPath
        self.trampoline = trampoline
        self.appendFsync = appendFsync
        self.extraArguments = extraArguments
    }
}
