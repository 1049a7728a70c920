import CBullpenSystem
import Glibc

/// One standard stream of a child about to be spawned: the fd the child gets and the parent's end.
///
/// Every fd it creates is close-on-exec and >= 3, so that a parent whose own fds 0-2 are closed cannot
/// hand a pipe end to the child under the wrong number, and the child's `dup2`s cannot collide.
struct PreparedStream {
    /// Open `/dev/null` in the child.
    var opensNull = false
    /// The parent's fd to `dup2` onto the child's stream.
    var childSource: Int32?
    /// The parent's end of a pipe, returned to the caller.
    var parentEnd: Int32?

    init(_ stream: StandardStream, target: Int32, executable: String) throws(ProcessError) {
        let name = ["standard input", "standard output", "standard error"][Int(target)]
        switch stream {
        case .inherit:
            break
        case .null:
            opensNull = true
        case .pipe:
            var fds: [Int32] = [-1, -1]
            guard bullpen_pipe2(&fds, O_CLOEXEC) == 0 else {
                throw .system(.spawn, "unable to spawn \(executable): cannot create a pipe for its \(name)")
            }
            // fds[0] reads, fds[1] writes; the child reads its standard input and writes the others.
            let (child, parent) = target == 0 ? (fds[0], fds[1]) : (fds[1], fds[0])
            childSource = Self.aboveStandard(child)
            parentEnd = Self.aboveStandard(parent)
        case .fileDescriptor(let fd):
            let copy = fcntl(fd, F_DUPFD_CLOEXEC, 3)
            guard copy >= 0 else {
                throw .system(.spawn, "unable to spawn \(executable): cannot use fd \(fd) as its \(name)")
            }
            childSource = copy
        }
    }

    /// Closes the parent's copy of the child's end, which the parent never uses after the spawn.
    func closeTemporaries() {
        if let childSource { close(childSource) }
    }

    /// `fd` moved to a number >= 3 (close-on-exec) when it is one of 0, 1, 2.
    private static func aboveStandard(_ fd: Int32) -> Int32 {
        guard fd < 3 else { return fd }
        let moved = fcntl(fd, F_DUPFD_CLOEXEC, 3)
        guard moved >= 0 else { return fd }
        close(fd)
        return moved
    }
}
