import BullpenCore
import BullpenRedis
import BullpenTopology

extension CLIError {
    /// The exit code for a queue operation's error: bad input is the caller's fault (64, or 65 for job
    /// data), a missing job or a wrong state is a failed operation (1), Redis trouble is temporary (75).
    public init(_ error: QueueError) {
        switch error.code {
        case .invalidQueueName, .invalidJobID, .invalidOption: self.init(.usage, error.message)
        case .invalidPayload: self.init(.dataError, error.message)
        case .redis: self.init(.tempFail, error.message)
        default: self.init(.failure, error.message)
        }
    }

    /// A Redis client error: connection failures are temporary (75), a bad URL is a usage error (64).
    public init(_ error: RedisError) {
        switch error.code {
        case .invalidURL: self.init(.usage, error.message)
        case .connectionFailed, .connectionLost: self.init(.tempFail, error.message)
        default: self.init(.failure, error.message)
        }
    }

    /// A topology file that cannot be used: each issue becomes a detail line; an unreadable file is
    /// `noInput` (66), anything else `config` (78).
    public init(_ error: TopologyError, file: String) {
        let unreadable = error.issues.contains { $0.code == .unreadable }
        let count = error.issues.count
        self.init(
            unreadable ? .noInput : .config,
            unreadable ? "unable to read topology file \(file)" : "invalid topology file \(file) (\(count) problem\(count == 1 ? "" : "s"))",
            details: error.issues.map(\.description))
    }
}
