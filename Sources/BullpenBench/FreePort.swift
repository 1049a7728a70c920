import Glibc

/// Finds a loopback TCP port nobody listens on, for the private redis-server.
enum FreePort {
    /// The first port from `start` upward that can be bound on 127.0.0.1 (the probe socket is closed
    /// again at once; the server binds it a moment later).
    static func find(from start: Int = 6400) throws(BenchError) -> Int {
        for port in start..<min(start + 500, 65_536) where canBind(port) { return port }
        throw BenchError(.redis, "no free loopback port in \(start)..<\(start + 500)")
    }

    private static func canBind(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
