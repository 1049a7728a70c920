import CBullpenSystem
import Glibc

/// An operating-system call of the process layer failed.
///
/// The message names what was being done, the thing it was done to and the system's reason, e.g.
/// `unable to spawn /usr/bin/nope: No such file or directory`.
public struct ProcessError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of operation failed. Extensible: new codes are static members, not enum cases.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short name for the code, e.g. `spawn`.
        public let name: String

        /// Creates a code with a short name.
        public init(_ name: String) { self.name = name }

        /// Starting a process failed (`posix_spawn`, or setting up its pipes).
        public static let spawn = Code("spawn")
        /// Waiting for a child failed (`waitpid`).
        public static let wait = Code("wait")
        /// Sending, blocking or waiting for a signal failed.
        public static let signal = Code("signal")
        /// Arming the parent-death signal failed (`prctl`).
        public static let parentDeath = Code("parentDeath")
        /// Reading a process's statistics from `/proc` failed.
        public static let stats = Code("stats")
        /// Sending a systemd notification failed.
        public static let notify = Code("notify")
        /// Reading or writing a child's pipes failed.
        public static let io = Code("io")

        /// The short name.
        public var description: String { name }
    }

    /// What kind of operation failed.
    public let code: Code
    /// A sentence naming the operation, the thing and the reason.
    public let message: String
    /// The `errno` value behind the failure, when there is one.
    public let systemErrno: Int32?

    /// Creates an error with a message; `systemErrno` is the `errno` behind it, if any.
    public init(_ code: Code, _ message: String, systemErrno: Int32? = nil) {
        self.code = code
        self.message = message
        self.systemErrno = systemErrno
    }

    /// The message.
    public var description: String { message }

    /// An error whose message is `what` followed by the text of `errnum`.
    static func system(_ code: Code, _ what: String, errno errnum: Int32 = errno) -> ProcessError {
        ProcessError(code, "\(what): \(errnoText(errnum))", systemErrno: errnum)
    }

    /// The text of an errno value, e.g. `No such file or directory`.
    static func errnoText(_ errnum: Int32) -> String {
        // strerror_r, not strerror: several threads (workers, command runs) may fail at once.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 256) { buffer in
            String(cString: bullpen_strerror(errnum, buffer.baseAddress!, buffer.count))
        }
    }
}
