/// A queue whose jobs are run by an external command, one run per job, with the job on standard input.
public struct ExecHandlerSetting: Sendable, Equatable {
    /// The command and its arguments; never empty. The program is an absolute path or a path relative
    /// to the supervisor's working directory, run without a shell.
    public var argv: [String]
    /// How long one run may take before it is killed; nil leaves it to the job's own timeout.
    public var timeout: Duration?
    /// The most output kept from one run, in bytes. Default 1MiB.
    public var maxOutput: Int64

    /// Creates the setting; the defaults are the file's defaults.
    public init(argv: [String], timeout: Duration? = nil, maxOutput: Int64 = 1_048_576) {
        self.argv = argv
        self.timeout = timeout
        self.maxOutput = maxOutput
    }
}
