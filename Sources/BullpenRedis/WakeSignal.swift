#if canImport(Glibc)
import Glibc
#endif

/// A file descriptor that another thread can make readable, so a thread waiting in `poll` for replies
/// also wakes when there is something new to send (a self-pipe; both ends non-blocking).
///
/// `Sendable` without any unchecked claim: its state is two descriptors fixed at creation, and writing to
/// or reading from a pipe is safe from any thread.
final class WakeSignal: Sendable {
    /// The end to poll for `POLLIN`.
    let readable: Int32
    private let writable: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        let made = pipe(&ends)
        precondition(made == 0, "unable to make a pipe for the redis client: errno \(errno)")
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readable = ends[0]
        writable = ends[1]
    }

    deinit {
        close(readable)
        close(writable)
    }

    /// Makes `readable` readable (a full pipe already is: the write may fail, harmlessly).
    func signal() {
        var byte: UInt8 = 1
        _ = write(writable, &byte, 1)
    }

    /// Empties the pipe, so `readable` waits for the next `signal`.
    func clear() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readable, &buffer, buffer.count) > 0 {}
    }
}
