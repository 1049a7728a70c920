/// One problem in a topology file: where it is (key path, line, column) and what is wrong with which value.
public struct TopologyIssue: Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem. Extensible: new kinds are new static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name, for logs and tests.
        public let name: String

        /// Creates a code with a stable name.
        public init(_ name: String) { self.name = name }

        /// The file is not valid YAML.
        public static let syntax = Code("syntax")
        /// The file could not be read.
        public static let unreadable = Code("unreadable")
        /// A value of the wrong type: a list where a number belongs, text where a mapping belongs.
        public static let wrongType = Code("wrong-type")
        /// A key the topology does not know.
        public static let unknownKey = Code("unknown-key")
        /// The same key twice in one mapping.
        public static let duplicateKey = Code("duplicate-key")
        /// A required key is missing.
        public static let missingKey = Code("missing-key")
        /// A number outside its allowed range.
        public static let outOfRange = Code("out-of-range")
        /// A value of the right type that does not parse or is not allowed (a duration, size, name, URL).
        public static let invalidValue = Code("invalid-value")
        /// Settings that contradict each other, such as both `cron` and `every`.
        public static let conflict = Code("conflict")

        /// The code's name.
        public var description: String { name }
    }

    /// The file, as given to the parser.
    public var file: String
    /// The key path of the bad value, such as `queues.images.max_memory`; empty for the whole file.
    public var path: String
    /// The line, from 1; 0 when the problem has no position (an unreadable file).
    public var line: Int
    /// The column, from 1, counted in Unicode scalars; 0 when the problem has no position.
    public var column: Int
    /// The kind of problem.
    public var code: Code
    /// What is wrong, quoting the bad value, such as
    /// `invalid size "512Q" (expected a number with B, KB, KiB, MB, MiB, GB or GiB)`.
    public var message: String

    /// Creates an issue.
    public init(file: String, path: String, line: Int, column: Int, code: Code, message: String) {
        self.file = file
        self.path = path
        self.line = line
        self.column = column
        self.code = code
        self.message = message
    }

    /// One line, compiler style: `etc/bullpen.yaml:12:5: queues.images.max_memory: invalid size "512Q" (…)`.
    public var description: String {
        let position = line > 0 ? ":\(line):\(column)" : ""
        let key = path.isEmpty ? "" : " \(path):"
        return "\(file)\(position):\(key) \(message)"
    }
}
