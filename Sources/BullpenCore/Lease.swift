import Synchronization

/// A worker's hold on a running job: a token only that worker knows, and when the hold expires unless
/// renewed. A finish or progress report with a token that is no longer the job's is refused.
public struct Lease: Sendable, Hashable {
    /// The lease itself, as the queue stores it among its running jobs: `id nonce startedAt workerID`, where
    /// the nonce (`newToken()`) was drawn for the take. Only this holder knows it.
    public var token: String
    /// When the lease expires (Unix ms, Redis clock).
    public var expiresAt: Int64

    /// A fresh nonce for a take: 128 bits, hex, unique to this process's run (a random 64-bit prefix drawn once, then a
    /// 64-bit counter). A token only has to differ from every other lease's; drawing 128 random bits per
    /// take cost a `getrandom` call each time.
    public static func newToken() -> String {
        let counter = tokenCounter.add(1, ordering: .relaxed).newValue
        // Written in place: building it from `String(radix:)` pieces cost a few allocations a take.
        return String(unsafeUninitializedCapacity: 32) { buffer in
            writeHex(tokenPrefix, into: buffer, at: 0)
            writeHex(counter, into: buffer, at: 16)
            return 32
        }
    }

    private static let tokenPrefix = UInt64.random(in: .min ... .max)
    private static let tokenCounter = Atomic<UInt64>(0)

    /// Writes `value` as 16 lowercase hex digits.
    private static func writeHex(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        for index in 0..<16 {
            let nibble = UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * index)) & 0xf
            buffer[offset + index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
        }
    }
}

/// A job taken by a worker, with its lease.
public struct ActiveJob: Sendable, Hashable {
    /// The job.
    public var job: Job
    /// The worker's lease on it.
    public var lease: Lease
}

/// A rate limit for a queue: at most `max` jobs start per `duration`, across every worker and host.
public struct RateLimit: Sendable, Hashable {
    /// Jobs per window.
    public var max: Int
    /// The window, in milliseconds.
    public var duration: Int64

    /// Creates a limit.
    public init(max: Int, per duration: Duration) {
        self.max = max
        self.duration = duration.milliseconds
    }
}

/// What a worker asks for when it takes a job.
public struct TakeRequest: Sendable, Hashable {
    /// The worker's id (the supervisor releases a dead worker's jobs by it).
    public var workerID: String
    /// How long the lease lasts without renewal, in milliseconds.
    public var leaseMilliseconds: Int64
    /// The queue's rate limit, if any.
    public var rateLimit: RateLimit?

    /// Creates a request.
    public init(workerID: String, lease: Duration = .seconds(30), rateLimit: RateLimit? = nil) {
        self.workerID = workerID
        self.leaseMilliseconds = lease.milliseconds
        self.rateLimit = rateLimit
    }

    /// The take settings scripts read (see takeSettings in _take.lua): worker, lease ms, limit max and
    /// window ms. A batch of finishes shares them; each take adds its own lease token.
    var settingsArguments: [String] {
        [workerID, String(leaseMilliseconds), String(rateLimit?.max ?? 0), String(rateLimit?.duration ?? 0)]
    }

    /// take.lua's arguments.
    func scriptArguments(token: String) -> [String] { settingsArguments + [token] }

    /// A finish's take settings when it takes nothing next (the finishes of a call share them).
    static let noTakeArguments = ["", "0", "0", "0"]
}

/// The answer to a take.
public enum TakeResult: Sendable, Hashable {
    /// A job, now leased to the worker.
    case job(ActiveJob)
    /// Nothing to run; `nextDueIn` is how many milliseconds until the earliest delayed job is due, if any
    /// (measured on the Redis clock, so a worker's own clock does not matter).
    case empty(nextDueIn: Int64?)
    /// The queue is paused.
    case paused
    /// The rate limit is reached; try again after this many milliseconds.
    case rateLimited(retryAfter: Int64)
}

/// How a job's attempt ended, as a worker reports it.
public enum JobOutcome: Sendable, Hashable {
    /// The handler returned this value (JSON text).
    case completed(returnValue: String)
    /// The handler failed; `retry` false fails the job at once, whatever attempts are left.
    case failed(reason: String, stack: String? = nil, retry: Bool = true)
}

/// What a finish did.
public enum FinishStatus: String, Sendable, Hashable {
    /// The job completed.
    case completed
    /// The attempt failed and the job waits to run again now.
    case retrying
    /// The attempt failed and the job runs again after its backoff.
    case delayed
    /// The job failed for good (and was dead-lettered when the queue keeps a dead-letter queue).
    case failed
    /// Refused: the lease token is no longer the job's (its lease expired and it was handed to another run).
    case stale
    /// This token had finished the job already (a call repeated after a lost reply): nothing changed.
    case duplicate
}

extension TakeResult {
    /// The job taken, or nil when there was none.
    public var active: ActiveJob? {
        if case .job(let active) = self { return active }
        return nil
    }
}
