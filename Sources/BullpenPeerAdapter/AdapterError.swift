/// A failure of the adapter: bad arguments, a bad environment, or Redis refusing a call.
struct AdapterError: Error, CustomStringConvertible {
    /// What kind of failure (extensible: a struct with static members, not a closed enum).
    struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        init(_ name: String) { self.name = name }

        /// A command line the adapter does not understand.
        static let usage = Code("usage")
        /// An environment variable with a value the adapter cannot use.
        static let environment = Code("environment")
        /// Redis or the queue refused a call.
        static let queue = Code("queue")
        /// A child process could not be started or signalled.
        static let process = Code("process")
        /// A file could not be opened or written.
        static let io = Code("io")

        var description: String { name }
    }

    let code: Code
    let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { message }
}
