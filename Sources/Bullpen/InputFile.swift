#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an input file whole, `-` meaning standard input; a missing or unreadable file is `noInput` (66)
/// with the path and the system's reason.
enum InputFile {
    /// The file's bytes as text (invalid UTF-8 is repaired; the JSON check then points at it).
    static func contents(of path: String, what: String) throws(CLIError) -> String {
        let descriptor = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, what) }
        defer { if descriptor != 0 { close(descriptor) } }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, what)
            }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func failure(_ path: String, _ what: String) -> CLIError {
        let reason = String(cString: strerror(errno))
        let name = path == "-" ? "standard input" : path
        return CLIError(.noInput, "unable to read \(what) \(name): \(reason)")
    }
}
