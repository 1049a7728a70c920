import Glibc

/// Which process group a spawned child joins.
public enum ProcessGroupPlacement: Sendable, Hashable {
    /// The parent's group: a terminal's Ctrl-C reaches the child too.
    case inherit
    /// A new group led by the child (its pgid is its pid): signals to the group reach the child's own
    /// children, and a terminal's Ctrl-C does not reach it directly.
    case new
    /// An existing group, given by its id.
    case join(pid_t)
}
