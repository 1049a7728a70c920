import Glibc

/// Appends `kind|key=value|…` lines to the events file the test reads. One `write` per line on an
/// `O_APPEND` file, so lines of the supervisor and of its workers never interleave.
struct EventRecorder: Sendable {
    /// The variable that passes the events file to the fake workers.
    static let variable = "BULLPEN_TEST_EVENTS"

    let path: String

    func record(_ kind: String, _ fields: KeyValuePairs<String, String>) {
        var line = kind
        for (key, value) in fields { line += "|\(key)=\(value)" }
        line += "|t=\(Self.monotonicMilliseconds())\n"
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        _ = line.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }

    /// CLOCK_MONOTONIC in milliseconds: the same clock in every process, and in the test.
    static func monotonicMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
