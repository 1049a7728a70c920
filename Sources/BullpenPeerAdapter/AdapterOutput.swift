import Glibc

/// Writes whole lines with `write(2)`: `stdout` and `stderr` are C globals that Swift 6 refuses to touch,
/// and the driver reads the last stdout line only after the process ends, so no buffering is wanted.
enum AdapterOutput {
    /// One line on standard output.
    static func line(_ text: String) {
        write(fd: 1, text + "\n")
    }

    /// `bullpen-peer-adapter: <message>` on standard error.
    static func error(_ error: any Error) {
        write(fd: 2, "bullpen-peer-adapter: \(error)\n")
    }

    /// A diagnostic line on standard error (the driver keeps workers' output in its logs folder).
    static func note(_ text: String) {
        write(fd: 2, "bullpen-peer-adapter[\(getpid())]: \(text)\n")
    }

    private static func write(fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
