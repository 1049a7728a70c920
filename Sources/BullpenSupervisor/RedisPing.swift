import Glibc

/// A raw `PING` over a unix socket: enough to know that the embedded redis-server answers, without a
/// Redis client (the supervisor has none).
public enum RedisPing {
    /// What came back.
    public enum Answer: Sendable, Hashable {
        /// `+PONG`: the server is ready.
        case pong
        /// Another reply line, such as `-LOADING Redis is loading the dataset in memory`: alive, not ready.
        case reply(String)
        /// No connection or no reply, with the reason.
        case noAnswer(String)

        /// True when a server answered at all (`pong` or another reply).
        public var isAnswer: Bool {
            if case .noAnswer = self { return false }
            return true
        }
    }

    /// Connects to `socketPath`, sends `PING` and reads one reply line, waiting at most `timeout` for
    /// each step. Blocks the calling thread for at most about twice `timeout`.
    public static func ping(socketPath: String, timeout: Duration = .milliseconds(250)) -> Answer {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .noAnswer("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let (seconds, attoseconds) = timeout.components
        var limit = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        guard path.count < MemoryLayout.size(ofValue: address.sun_path) else { return .noAnswer("socket path too long") }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { return .noAnswer("connect: \(String(cString: strerror(errno)))") }
        let request = Array("PING\r\n".utf8)
        let sent = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count else { return .noAnswer("send: \(String(cString: strerror(errno)))") }

        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while !reply.contains(UInt8(ascii: "\n")) && reply.count < 4096 {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                reply += buffer[0..<count]
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return .noAnswer(count == 0 ? "connection closed" : "recv: \(String(cString: strerror(errno)))")
            }
        }
        let line = String(decoding: reply.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        return line == "+PONG" ? .pong : .reply(line)
    }
}
