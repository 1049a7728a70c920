import Glibc

/// Sends one datagram to a Unix socket given as a path or as an `@abstract` name.
enum NotifySocket {
    static func send(_ message: String, to path: String) throws(ProcessError) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var name = Array(path.utf8)
        let isAbstract = name.first == UInt8(ascii: "@")
        guard isAbstract || name.first == UInt8(ascii: "/") else {
            throw ProcessError(.notify, "unsupported NOTIFY_SOCKET \(path): expected an absolute path or @name")
        }
        // An abstract name starts with a NUL byte and is not NUL-terminated; a path is.
        if isAbstract { name[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard name.count < capacity else {
            throw ProcessError(.notify, "NOTIFY_SOCKET \(path) is longer than \(capacity - 1) bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: name) }
        let length = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + name.count + (isAbstract ? 0 : 1)

        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .system(.notify, "unable to create a socket for NOTIFY_SOCKET \(path)") }
        defer { close(fd) }
        let bytes = Array(message.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bytes.withUnsafeBytes {
                    sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), socketAddress, socklen_t(length))
                }
            }
        }
        guard sent == bytes.count else { throw .system(.notify, "unable to notify systemd at \(path)") }
    }
}
