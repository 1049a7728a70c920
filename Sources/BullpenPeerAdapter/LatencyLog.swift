import BullpenWorker
import Glibc

/// The latency phase's record: one line `"<i> <t from payload> <t start>\n"` per job, appended to
/// `lat-<pid>.txt` in `BENCH_LAT_DIR`.
///
/// The file is opened, appended to and closed per job, not held open: the driver deletes the files after
/// the warm-up jobs, and an fd kept open would go on writing into the deleted file. Each line is one
/// `write(2)` on an `O_APPEND` fd, which the kernel appends whole even when several slots write at once,
/// so the type needs no lock.
struct LatencyLog: Sendable {
    /// The file of this process.
    let path: String

    /// The file of this process in `directory`, checked to be writable now rather than at the first job.
    init(directory: String) throws(AdapterError) {
        path = directory + "/lat-\(getpid()).txt"
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AdapterError(.io, "unable to open \(path): \(String(cString: strerror(errno)))") }
        close(fd)
    }

    /// Records a job that starts at `start`; data that is not a benchmark payload is skipped.
    func record(_ job: Job, start: WallClock) {
        guard let payload = try? job.decode(BenchPayload.self) else { return }
        let line = "\(payload.i) \(WallClock(seconds: payload.t).text) \(start.text)\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        _ = line.withCString { write(fd, $0, strlen($0)) }
        close(fd)
    }
}
