import Glibc

/// Everything `ChildProcess.spawn` needs to start a program.
///
/// The child always starts with an empty signal mask, every signal at its default action, and no fd
/// other than 0, 1 and 2 open, whatever the parent's state.
public struct SpawnOptions: Sendable, Hashable {
    /// The program's path. Not searched in `PATH`; a relative path is resolved in `workingDirectory`.
    public var executable: String
    /// The arguments after `argv[0]`.
    public var arguments: [String]
    /// `argv[0]`; nil uses `executable`.
    public var argumentZero: String?
    /// The complete environment, as `NAME=value` strings (see `ProcessEnvironment`).
    public var environment: [String]
    /// The directory the child starts in; nil keeps the parent's.
    public var workingDirectory: String?
    /// The child's standard input.
    public var standardInput: StandardStream
    /// The child's standard output.
    public var standardOutput: StandardStream
    /// The child's standard error.
    public var standardError: StandardStream
    /// The child's process group.
    public var processGroup: ProcessGroupPlacement

    /// Options for running `executable` with `arguments` in exactly `environment`.
    public init(
        executable: String,
        arguments: [String] = [],
        argumentZero: String? = nil,
        environment: [String],
        workingDirectory: String? = nil,
        standardInput: StandardStream = .inherit,
        standardOutput: StandardStream = .inherit,
        standardError: StandardStream = .inherit,
        processGroup: ProcessGroupPlacement = .inherit
    ) {
        self.executable = executable
        self.arguments = arguments
        self.argumentZero = argumentZero
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.processGroup = processGroup
    }
}
