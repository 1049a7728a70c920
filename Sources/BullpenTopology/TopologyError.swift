/// A topology file that cannot be used, with every problem found in it (not just the first).
public struct TopologyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, in file order.
    public var issues: [TopologyIssue]

    /// Creates an error from its problems.
    public init(issues: [TopologyIssue]) {
        self.issues = issues
    }

    /// One line per problem, compiler style, so editors and CI can jump to each.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
