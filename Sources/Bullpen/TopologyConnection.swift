import BullpenTopology
import Foundation

/// Where a topology's queues live, as a Redis URL: the one convention the CLI, the supervisor and the
/// workers share.
///
/// - `redis: redis://…` or `redis: unix://…`: that URL, as written.
/// - `redis: embedded`: the supervisor runs its own `redis-server` with its data in `embedded_redis.dir`
///   and always listens on the unix socket `redis.sock` in that folder (a TCP port only when
///   `embedded_redis.port` is set), so the URL is `unix://<dir>/redis.sock`. A relative `dir` is relative
///   to the folder of the topology file, not to the current directory: `etc/bullpen.yaml` with the default
///   `dir: var/redis` gives `unix://<cwd>/etc/var/redis/redis.sock`. The path is made absolute, since a
///   unix URL needs one.
public enum TopologyConnection {
    /// The name of the embedded Redis's socket inside its data folder.
    public static let socketName = "redis.sock"

    /// The Redis URL for `topology`, read from the file at `configPath` (relative to the current directory
    /// or absolute).
    public static func url(for topology: Topology, configPath: String) -> String {
        switch topology.redis {
        case .url(let url): return url
        case .embedded: return "unix://" + embeddedDirectory(for: topology, configPath: configPath) + "/" + socketName
        }
    }

    /// The embedded Redis's data folder as an absolute path: `embedded_redis.dir` resolved against the
    /// folder of the topology file.
    public static func embeddedDirectory(for topology: Topology, configPath: String) -> String {
        let dir = topology.embeddedRedis.dir
        let base = URL(fileURLWithPath: configPath).deletingLastPathComponent()
        let resolved = dir.hasPrefix("/") ? URL(fileURLWithPath: dir) : base.appendingPathComponent(dir)
        var path = resolved.standardizedFileURL.path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
