import BullpenTopology
import Glibc

/// The embedded Redis resolved for one start: folder, socket, URL and command line.
struct EmbeddedRedisPlan: Sendable, Hashable {
    /// The data folder (absolute).
    let directory: String
    /// The unix socket in the data folder.
    let socketPath: String
    /// The loopback port, 0 for none.
    let port: Int
    /// The program to spawn and its arguments (through the trampoline when there is one).
    let executable: String
    let arguments: [String]

    /// The URL workers get with `--redis`.
    var url: String { "unix://" + socketPath }

    /// Resolves the folder against the topology file's folder, creates it (mode 700) and builds the
    /// command line. Throws when the folder cannot be made, the socket path is too long for a
    /// `sockaddr_un`, or redis-server is not found.
    static func resolve(
        _ setting: EmbeddedRedisSetting, topologyPath: String, launcher: EmbeddedRedisLauncher,
        supervisorPID: pid_t, searchPath: String?
    ) throws(SupervisorError) -> EmbeddedRedisPlan {
        let directory = setting.dir.hasPrefix("/")
            ? setting.dir : ExecutablePath.directory(of: topologyPath) + "/" + setting.dir
        try makeDirectories(directory)
        let socketPath = directory + "/redis.sock"
        // sun_path holds 108 bytes with the terminating NUL.
        guard socketPath.utf8.count < 108 else {
            throw SupervisorError(.embeddedRedis, "embedded Redis socket path \(socketPath) is longer than 107 bytes: use a shorter embedded_redis.dir")
        }
        let server = try findServer(launcher.serverPath, searchPath: searchPath)
        let serverArguments = [
            "--port", String(setting.port), "--bind", "127.0.0.1", "--protected-mode", "yes",
            "--unixsocket", socketPath, "--unixsocketperm", "700", "--dir", directory,
            "--appendonly", "yes", "--appendfsync", launcher.appendFsync, "--save", "",
            "--daemonize", "no", "--logfile", "", "--loglevel", "warning",
        ] + launcher.extraArguments
        if let trampoline = launcher.trampoline {
            return EmbeddedRedisPlan(
                directory: directory, socketPath: socketPath, port: setting.port, executable: trampoline,
                arguments: ParentDeathExec.arguments(parent: supervisorPID, program: server, arguments: serverArguments))
        }
        return EmbeddedRedisPlan(
            directory: directory, socketPath: socketPath, port: setting.port, executable: server,
            arguments: serverArguments)
    }

    /// `mkdir -p` with mode 700 for the folders it creates.
    private static func makeDirectories(_ path: String) throws(SupervisorError) {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw SupervisorError(.embeddedRedis, "unable to create the embedded Redis folder \(current): \(String(cString: strerror(errno)))")
            }
        }
    }

    private static func findServer(_ configured: String?, searchPath: String?) throws(SupervisorError) -> String {
        if let configured {
            guard access(configured, X_OK) == 0 else {
                throw SupervisorError(.embeddedRedis, "redis-server at \(configured) is not executable: \(String(cString: strerror(errno)))")
            }
            return configured
        }
        let folders = ["/usr/bin", "/usr/local/bin", "/usr/sbin"] + (searchPath ?? "").split(separator: ":").map(String.init)
        for folder in folders where access(folder + "/redis-server", X_OK) == 0 {
            return folder + "/redis-server"
        }
        throw SupervisorError(.embeddedRedis, "redis-server not found in /usr/bin, /usr/local/bin, /usr/sbin or PATH (install redis-server, or point the topology's redis at a server)")
    }
}
