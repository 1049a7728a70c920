#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Messages on standard error in the s6 style: `bullpen: fatal: ...`, `bullpen: note: ...`.
///
/// Written with write(2): `stderr` is a mutable C global that Swift 6 does not let us name.
enum StandardError {
    /// Writes `text` and a newline.
    static func line(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    /// `bullpen: note: <text>`: something worth knowing that is not an error.
    static func note(_ text: String) { line("bullpen: note: \(text)") }

    /// `bullpen: warning: <text>`.
    static func warning(_ text: String) { line("bullpen: warning: \(text)") }

    /// The detail lines, then `bullpen: fatal: <message>`.
    static func fatal(_ error: CLIError) {
        for detail in error.details { line(detail) }
        line("bullpen: fatal: \(error.message)")
    }
}
