import Glibc

/// Reads small files under `/proc` whole (their size is 0 in `stat`, so they are read until EOF).
enum ProcFile {
    /// The file's bytes as text.
    static func read(_ path: String) throws(ProcessError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .system(.stats, "unable to open \(path)") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += buffer[0..<count]
            } else if count == 0 {
                return String(decoding: bytes, as: UTF8.self)
            } else if errno != EINTR {
                throw .system(.stats, "unable to read \(path)")
            }
        }
    }
}
