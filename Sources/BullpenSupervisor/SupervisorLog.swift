import Glibc

/// The supervisor's log: s6-style lines on standard error, `bullpen: info: draining 3 workers`.
///
/// Lines go straight to the file descriptor with `write(2)`: `stderr` is a mutable C global that Swift 6
/// does not let us touch, and an unbuffered write keeps the order of lines with the workers' own output
/// (they share the supervisor's stderr) and survives a crash right after. A message with several lines is
/// written as several prefixed lines, each a single `write` so concurrent writers never interleave mid-line.
public struct SupervisorLog: Sendable, Hashable {
    /// How bad a line is; the level is the second word of the line.
    public struct Level: Sendable, Hashable, CustomStringConvertible {
        /// The word written in the line: `info`, `warning`, `error`, `fatal`.
        public let name: String

        /// A level with a name of its own.
        public init(_ name: String) { self.name = name }

        /// Things going as planned: workers started, drains, reload plans.
        public static let info = Level("info")
        /// Something went wrong and the supervisor copes: a worker died, a hook failed and will be retried.
        public static let warning = Level("warning")
        /// Something went wrong that an operator must fix: a reload was refused, Redis is unreachable.
        public static let error = Level("error")
        /// A slot gave up restarting, or the supervisor itself cannot go on.
        public static let fatal = Level("fatal")

        /// The level's name.
        public var description: String { name }
    }

    /// The file descriptor lines are written to. Default 2 (standard error).
    public var fileDescriptor: Int32
    /// The program name that starts every line. Default `bullpen`.
    public var program: String

    /// A log writing `program: level: message` lines to `fileDescriptor`.
    public init(fileDescriptor: Int32 = 2, program: String = "bullpen") {
        self.fileDescriptor = fileDescriptor
        self.program = program
    }

    /// Writes an `info` line.
    public func info(_ message: String) { write(.info, message) }

    /// Writes a `warning` line.
    public func warning(_ message: String) { write(.warning, message) }

    /// Writes an `error` line.
    public func error(_ message: String) { write(.error, message) }

    /// Writes a `fatal` line.
    public func fatal(_ message: String) { write(.fatal, message) }

    /// Writes `message` at `level`, one prefixed line per line of the message.
    public func write(_ level: Level, _ message: String) {
        for line in lines(level, message) {
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0 && errno == EINTR {
                        continue
                    } else {
                        return  // Nowhere left to complain to: a closed stderr must not stop the supervisor.
                    }
                }
            }
        }
    }

    /// The lines `write` would produce, each ending in a newline.
    public func lines(_ level: Level, _ message: String) -> [String] {
        let parts = message.split(separator: "\n", omittingEmptySubsequences: false)
        return parts.map { "\(program): \(level): \($0)\n" }
    }
}
