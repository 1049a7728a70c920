import CBullpenSystem
import Glibc

/// Stops a running `CommandRun` from another thread: SIGTERM to its process group, then SIGKILL after
/// the grace period, as for a timeout.
///
/// It is a pipe the run's poll loop watches; `cancel()` writes one byte, which is safe from any thread.
/// A final class with only immutable stored properties, so it is `Sendable` without any unchecked claim.
public final class CommandCancellation: Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32

    /// A new, untriggered cancellation.
    public init() throws(ProcessError) {
        var fds: [Int32] = [-1, -1]
        guard bullpen_pipe2(&fds, O_CLOEXEC | O_NONBLOCK) == 0 else {
            throw .system(.io, "unable to create a pipe for a command cancellation")
        }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Triggers the cancellation. Idempotent; the byte is never read, so the state stays set.
    public func cancel() {
        var byte: UInt8 = 1
        // EAGAIN (pipe full) means it is triggered already.
        _ = write(writeEnd, &byte, 1)
    }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool {
        var entry = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) == 1
    }

    /// The fd that becomes readable once cancelled.
    var pollableDescriptor: Int32 { readEnd }
}
