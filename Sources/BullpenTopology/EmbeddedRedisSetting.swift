/// How the supervisor runs its own `redis-server` when the topology says `redis: embedded`.
public struct EmbeddedRedisSetting: Sendable, Equatable {
    /// The data directory, as written in the file; a relative path is relative to the topology file's
    /// folder (the supervisor resolves it). Default `var/redis`.
    public var dir: String
    /// The loopback TCP port, or 0 to listen on a unix socket in ``dir`` only. Default 0.
    public var port: Int

    /// Creates the setting; the defaults are the file's defaults.
    public init(dir: String = "var/redis", port: Int = 0) {
        self.dir = dir
        self.port = port
    }
}
