/// A benchmark failure: a code to match and a message that names the thing and the bad value.
struct BenchError: Error, CustomStringConvertible {
    /// What kind of failure this is (extensible: a struct, not a closed enum).
    struct Code: Hashable, CustomStringConvertible {
        let name: String
        var description: String { name }

        /// A command-line flag that is unknown or has a bad value.
        static let usage = Code(name: "usage")
        /// A tool (`redis-benchmark`) is missing, failed, or printed something unreadable.
        static let tool = Code(name: "tool")
        /// Redis or the queue answered with an error or an unexpected reply.
        static let redis = Code(name: "redis")
    }

    var code: Code
    var message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { "\(code): \(message)" }
}
