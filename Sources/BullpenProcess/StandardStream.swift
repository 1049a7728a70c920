import Glibc

/// What a child's standard input, output or error is connected to.
public enum StandardStream: Sendable, Hashable {
    /// The parent's own stream of the same number.
    case inherit
    /// `/dev/null`.
    case null
    /// A new pipe; the parent gets the other end (close-on-exec) in `ChildProcess`.
    case pipe
    /// An fd the parent owns; the child gets a copy, and the parent keeps (and still must close) its own.
    case fileDescriptor(Int32)
}
