/// A file a handler writes could not be written. The attempt fails and is retried: a full disk or a missing
/// permission is an operator's problem that may be fixed before the next attempt.
public struct OutputFileError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as an extensible set of codes.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The code's name.
        public var name: String
        /// The folder could not be created.
        public static let createFolder = Code(name: "createFolder")
        /// The temporary file could not be created or written.
        public static let write = Code(name: "write")
        /// The finished file could not be moved into place.
        public static let publish = Code(name: "publish")

        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// The path, the operation and the system's reason.
    public var message: String

    /// Creates the error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
