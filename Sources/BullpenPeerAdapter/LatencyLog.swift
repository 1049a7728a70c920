import BullpenWorker
import Glibc

/// The latency phase's record: one line `"<i> <t from payload> <t start>\n"` per job, appended to
/// `lat-<pid>.txt` in `BENCH_LAT_DIR`.
///
/// Sendable without a lock: its only state is an fd that never changes, and each line is one `write(2)` on
/// an `O_APPEND` fd, which the kernel appends whole even when several slots write at once.
final class LatencyLog: Sendable {
    private let fd: Int32

    /// Opens (creating) the file of this process in `directory`.
    init(directory: String) throws(AdapterError) {
        let path = directory + "/lat-\(getpid()).txt"
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AdapterError(.io, "unable to open \(path): \(String(cString: strerror(errno)))") }
    }

    deinit { close(fd) }

    /// Records a job that starts at `start`; data that is not a benchmark payload is skipped.
    func record(_ job: Job, start: WallClock) {
        guard let payload = try? job.decode(BenchPayload.self) else { return }
        let line = "\(payload.i) \(WallClock(seconds: payload.t).text) \(start.text)\n"
        // Unbuffered: the line is in the file when the driver reads it after stopping the worker.
        _ = line.withCString { write(fd, $0, strlen($0)) }
    }
}
