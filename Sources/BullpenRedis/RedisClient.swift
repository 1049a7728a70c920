import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// An async front for one `RedisConnection`, safe to share between tasks.
///
/// hiredis blocks, and blocking Swift's cooperative pool starves every other task, so this actor runs on a
/// thread of its own (`SpinningThreadExecutor`): each call runs on that thread, one at a time, and callers
/// only suspend. The connection is made lazily and made again after it breaks, following the
/// reconnect policy.
public actor RedisClient {
    /// The configuration connections are made from.
    public nonisolated let configuration: RedisConfiguration
    /// How to wait for the server when it cannot be reached.
    public nonisolated let reconnectPolicy: RedisReconnectPolicy
    private let executor: SpinningThreadExecutor
    private let onEvent: (@Sendable (RedisConnectionEvent) -> Void)?
    private var connection: RedisConnection?

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Creates a client; it connects on first use.
    public init(
        _ configuration: RedisConfiguration,
        reconnect: RedisReconnectPolicy = RedisReconnectPolicy(),
        onEvent: (@Sendable (RedisConnectionEvent) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.reconnectPolicy = reconnect
        self.onEvent = onEvent
        self.executor = SpinningThreadExecutor()
    }

    /// Sends one command. Error replies come back as `.error`; a broken connection throws
    /// `.connectionLost` unless `idempotent` is set, in which case the command is sent once more after
    /// reconnecting (only safe for commands that may run twice).
    public func send(_ command: [String], timeout: Double? = nil, idempotent: Bool = false) async throws(RedisError) -> RedisReply {
        try await perform(idempotent: idempotent) { connection throws(RedisError) in
            try connection.send(command, timeout: timeout)
        }
    }

    /// Sends several commands in one round trip.
    public func pipeline(_ commands: [[String]], idempotent: Bool = false) async throws(RedisError) -> [RedisReply] {
        try await perform(idempotent: idempotent) { connection throws(RedisError) in try connection.pipeline(commands) }
    }

    /// Runs a script (EVALSHA, loading it on `NOSCRIPT`).
    public func run(_ call: RedisScriptCall, idempotent: Bool = false) async throws(RedisError) -> RedisReply {
        try await perform(idempotent: idempotent) { connection throws(RedisError) in try connection.run(call) }
    }

    /// Runs several script calls in one round trip.
    public func runAll(_ calls: [RedisScriptCall], idempotent: Bool = false) async throws(RedisError) -> [RedisReply] {
        try await perform(idempotent: idempotent) { connection throws(RedisError) in try connection.runAll(calls) }
    }

    deinit { executor.stop() }

    /// Closes the connection; the next call connects again.
    public func close() {
        connection?.close()
        connection = nil
    }

    /// Runs `body` with a live connection on this actor's queue.
    private func perform<R>(idempotent: Bool, _ body: (RedisConnection) throws(RedisError) -> R) async throws(RedisError) -> R {
        var retried = false
        while true {
            let live = try await connected()
            do {
                return try body(live)
            } catch where error.code == .connectionLost && idempotent && !retried {
                retried = true
                connection = nil
            } catch {
                if !live.isOpen { connection = nil }
                throw error
            }
        }
    }

    /// The open connection, connecting (and waiting by the policy) when there is none.
    private func connected() async throws(RedisError) -> RedisConnection {
        if let connection, connection.isOpen { return connection }
        connection = nil
        var attempt = 0
        let started = Self.monotonicSeconds()
        while true {
            attempt += 1
            do {
                let made = try RedisConnection(configuration)
                if attempt > 1 { onEvent?(.reconnected(afterSeconds: Self.monotonicSeconds() - started)) }
                connection = made
                return made
            } catch {
                let waited = Self.monotonicSeconds() - started
                if let limit = reconnectPolicy.giveUpAfter, waited >= limit { throw error }
                onEvent?(.waiting(error, attempt: attempt))
                var delay = reconnectPolicy.delay(attempt: attempt)
                if let limit = reconnectPolicy.giveUpAfter { delay = min(delay, max(0.001, limit - waited)) }
                // Suspends without holding the queue: other callers may try meanwhile, and cancellation
                // (a worker shutting down) ends the wait.
                do { try await Task.sleep(nanoseconds: UInt64(delay * 1e9)) } catch {
                    throw RedisError(.connectionFailed, "gave up connecting to redis at \(configuration): cancelled")
                }
                if let connection, connection.isOpen { return connection }
            }
        }
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
