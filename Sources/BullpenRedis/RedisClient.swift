import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An async front for one `RedisConnection`, safe to share between tasks.
///
/// hiredis blocks, and blocking Swift's cooperative pool starves every other task, so this actor runs on a
/// thread of its own (`SpinningThreadExecutor`): each call runs on that thread, one at a time, and callers
/// only suspend. The connection is made lazily and made again after it breaks, following the
/// reconnect policy.
///
/// Script calls (`run`, `runAll`) are pipelined automatically: calls made by several tasks while a batch is
/// on the wire leave together in the next one (see `ScriptBatch`), with up to `pipelinesInFlight` batches on
/// the wire (see `ScriptsInFlight` and `drainScripts`).
public actor RedisClient {
    /// The configuration connections are made from.
    public nonisolated let configuration: RedisConfiguration
    /// How to wait for the server when it cannot be reached.
    public nonisolated let reconnectPolicy: RedisReconnectPolicy
    /// How many pipelines of script calls may be on the wire at once (see `init`).
    public nonisolated let pipelinesInFlight: Int
    /// How long the client polls for a reply before it sleeps (see `init`).
    public nonisolated let replySpin: Duration
    let executor: SpinningThreadExecutor
    private let onEvent: (@Sendable (RedisConnectionEvent) -> Void)?
    var connection: RedisConnection?
    nonisolated let batch = Mutex(ScriptBatch())
    /// Wakes a drain waiting for replies when a call arrives that it may send at once.
    nonisolated let wakeSignal = WakeSignal()

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Creates a client; it connects on first use.
    ///
    /// `pipelinesInFlight`: how many pipelines of script calls may be on the wire at once. Two keep the
    /// server busy while this process reads replies: a worker's finishing client uses two (1 x 10 ran a
    /// third faster). One suits a caller that waits for each reply anyway.
    ///
    /// `replySpin`: how long the client polls for the replies of script calls before its thread sleeps.
    /// A thread that sleeps for a reply due within microseconds is woken tens of microseconds late on a
    /// virtual machine (its idle core halts): a single add ran 0.5 of redis-benchmark's one-client EVALSHA
    /// rate without the spin, 0.8 with 100 µs. A worker's client passes zero: its process shares the cores
    /// with Redis under load, and there the spin took CPU from Redis (2 x 10 lost 14%).
    public init(
        _ configuration: RedisConfiguration,
        reconnect: RedisReconnectPolicy = RedisReconnectPolicy(),
        pipelinesInFlight: Int = 1,
        replySpin: Duration = .microseconds(100),
        onEvent: (@Sendable (RedisConnectionEvent) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.reconnectPolicy = reconnect
        self.pipelinesInFlight = max(1, pipelinesInFlight)
        self.replySpin = max(.zero, replySpin)
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

    /// Sends a (blocking) command and a script call right behind it, which Redis runs the moment the
    /// command is done: one round trip for both (see `RedisConnection.send(_:thenRun:timeout:)`). Not
    /// retried after a lost connection: the call may have run.
    public func send(_ command: [String], thenRun call: RedisScriptCall, timeout: Double? = nil) async throws(RedisError) -> (RedisReply, RedisReply) {
        try await perform(idempotent: false) { connection throws(RedisError) in
            try connection.send(command, thenRun: call, timeout: timeout)
        }
    }

    /// Sends several commands in one round trip.
    public func pipeline(_ commands: [[String]], idempotent: Bool = false) async throws(RedisError) -> [RedisReply] {
        try await perform(idempotent: idempotent) { connection throws(RedisError) in try connection.pipeline(commands) }
    }

    /// Runs a script (EVALSHA, loading it on `NOSCRIPT`).
    public nonisolated func run(_ call: RedisScriptCall, idempotent: Bool = false) async throws(RedisError) -> RedisReply {
        try await runAll([call], idempotent: idempotent)[0]
    }

    /// Runs several script calls in one round trip, together with the calls of other tasks that wait for
    /// the connection meanwhile. Error replies are returned, not thrown; a broken connection throws
    /// `.connectionLost` unless `idempotent` is set (then the calls are sent once more after reconnecting).
    public nonisolated func runAll(_ calls: [RedisScriptCall], idempotent: Bool = false) async throws(RedisError) -> [RedisReply] {
        let id = batch.withLock { $0.nextID() }
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let entry = ScriptBatch.Entry(id: id, calls: calls, idempotent: idempotent, continuation: continuation)
                switch batch.withLock({ $0.add(entry) }) {
                // Starting on this client's thread skips a hop through the global pool (a thread wake-up).
                case .startDrain: Task(executorPreference: executor) { await self.drainScripts() }
                case .wake: wakeSignal.signal()
                case .none: break
                }
                // Cancelled before the entry was added: the handler below found nothing to withdraw.
                if Task.isCancelled { withdraw(id) }
            }
        } onCancel: {
            withdraw(id)
        }
        return try result.get()
    }

    /// Withdraws a call not yet sent, for a cancelled caller (a worker closing during an outage must not
    /// wait for Redis); a call on the wire gets its reply or the connection's error.
    private nonisolated func withdraw(_ id: UInt64) {
        batch.withLock { $0.withdraw(id) }?.continuation.resume(
            returning: .failure(RedisError(.connectionFailed, "gave up waiting for redis at \(configuration): cancelled")))
    }

    deinit { executor.stop() }

    /// Runs `body` on this client's connection thread: each call it makes to this client, and each reply
    /// it gets back, then skips a thread hand-off (two a call, about 20 µs on a virtual machine). A
    /// producer adding job after job gains most.
    ///
    /// Only for code that never blocks its thread: while `body` computes, this connection sends and reads
    /// nothing. Actors run their code on their own executors as always, and unstructured tasks that `body`
    /// creates start on the global pool; but child tasks (`async let`, task groups) inherit the preference
    /// and run on this thread too.
    public nonisolated func onConnectionThread<R, Failure: Error>(
        _ body: () async throws(Failure) -> R
    ) async throws(Failure) -> R {
        try await withTaskExecutorPreference(executor, operation: body)
    }

    /// This client's connection thread as a task executor, for `Task(executorPreference:)`: a task that
    /// prefers it runs as the body of `onConnectionThread` does, with the same caution.
    public nonisolated var connectionThread: any TaskExecutor { executor }

    /// True when the caller runs on this client's connection thread (see `onConnectionThread`).
    nonisolated var isCurrentThread: Bool { executor.isCurrent }

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
    func connected(abandonWhen abandoned: () -> Bool = { false }) async throws(RedisError) -> RedisConnection {
        // A server that refused a command as a replica or while loading is left for a new connection (see
        // serverRefused).
        if let connection, connection.isOpen, !connection.serverRefused { return connection }
        connection?.close()
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
                if let connection, connection.isOpen, !connection.serverRefused { return connection }
                if abandoned() { throw RedisError(.connectionFailed, "gave up connecting to redis at \(configuration): nobody waits") }
            }
        }
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
