import BullpenRedis
import Synchronization

/// Runs one queue's jobs in this process: up to `concurrency` at once, each under a lease renewed while its
/// handler runs. Blocking Redis calls run on the Redis clients' own threads, never on Swift's cooperative pool.
///
/// ```swift
/// let worker = Worker(queue: emails, handler: EmailHandler(), configuration: .init(workerID: "mail-1", concurrency: 10))
/// Task { await worker.run() }
/// ...
/// await worker.close(deadline: .seconds(30))   // stop taking jobs, let running ones finish
/// ```
public final class Worker: Sendable {
    /// The queue the worker runs.
    public let queue: Queue
    /// How it runs.
    public let configuration: WorkerConfiguration
    let handler: any JobHandler
    let running = RunningJobs()
    /// When slots may take jobs: a crash suspect runs alone, and jobs are taken ahead only while they run
    /// short (see ``TakeGate``).
    let gate: TakeGate
    /// The `concurrency` permits to run a handler; slots beyond them hold jobs taken ahead.
    let permits: RunPermits
    let fetcher: JobFetcher
    /// Finishes, renewals and stall checks go through this client; the fetcher blocks on one of its own.
    let client: RedisClient
    let state = Mutex(RunState())
    let onEvent: @Sendable (WorkerEvent) -> Void

    struct RunState {
        var stopping = false
        var quiet = false
        var finished = 0
        /// Jobs started, counted only with a `maxJobs` limit.
        var started = 0
        var failed = 0
        var closeDone = false
    }

    /// Creates a worker. `onEvent` is called for completed and failed jobs, refused results and errors.
    public init(
        queue: Queue, handler: any JobHandler, configuration: WorkerConfiguration,
        onEvent: @escaping @Sendable (WorkerEvent) -> Void = { _ in }
    ) {
        self.queue = queue
        self.handler = handler
        self.configuration = configuration
        self.onEvent = onEvent
        self.gate = TakeGate(concurrency: configuration.concurrency, shortJob: configuration.shortJob)
        self.permits = RunPermits(configuration.concurrency, waitLimit: configuration.aheadWaitLimit)
        // A worker must outlast a Redis outage: its connections wait for the server however long it takes.
        let redis = queue.redis.configuration
        // Two pipelines on the wire (the slots' next finishes leave while Redis runs the last ones), and
        // no spinning for replies: under load this process shares the cores with Redis (see
        // RedisClient.init). Slots on the connection thread (inlineHandlers) use one: the drain lets them
        // run only with nothing on the wire, and their finishes leave together anyway.
        self.client = RedisClient(
            redis, reconnect: .forever, pipelinesInFlight: configuration.inlineHandlers ? 1 : 2, replySpin: .zero)
        let blocking = RedisClient(redis, reconnect: .forever)
        self.fetcher = JobFetcher(
            queue: queue, request: configuration.takeRequest, client: client, blocking: blocking,
            idleWait: configuration.idleWait, gate: gate, report: onEvent)
    }

    /// Jobs finished (completed or failed) and failed so far.
    public var processed: (finished: Int, failed: Int) { state.withLock { ($0.finished, $0.failed) } }

    /// The ids of the jobs running now.
    public var runningJobIDs: [String] { running.ids }

    /// Whether a `close` has finished handing back what it cancelled.
    public var isClosed: Bool { state.withLock { $0.closeDone } }

    /// Whether the worker stopped taking jobs (quiet or closing).
    public var isQuiet: Bool { state.withLock { $0.quiet || $0.stopping } }

    /// Runs until `close` (or the `maxJobs` limit) stops it and the last running job has finished.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.maintain() }
            group.addTask { await self.fireSchedules() }
            if configuration.inlineHandlers {
                // The slots, child tasks, inherit the preference: they and their handlers run there.
                await client.onConnectionThread { await runSlots() }
            } else {
                await runSlots()
            }
            group.cancelAll()
        }
    }

    private func runSlots() async {
        await withTaskGroup(of: Void.self) { slots in
            // Slots beyond `concurrency` hold jobs taken ahead: each runs its job once a permit is free.
            for _ in 0..<(configuration.concurrency + configuration.slotsAhead) { slots.addTask { await self.slot() } }
        }
    }

    /// Stops taking jobs but lets running ones finish (SIGTSTP). The worker stays up until closed.
    public func quiet() async {
        state.withLock { $0.quiet = true }
        stopStarting()
        await fetcher.close()
    }

    /// Stops taking jobs at once, lets running jobs finish until `deadline`, then cancels the rest and hands
    /// them back to the queue without using up an attempt. Returns when no job is running.
    public func close(deadline: Duration) async {
        state.withLock { $0.stopping = true }
        stopStarting()
        await fetcher.close()
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while running.count > 0, clock.now < end {
            try? await Task.sleep(for: .milliseconds(20))
        }
        running.close()
        let leftover = running.cancel(because: .shutdown)
        if !leftover.isEmpty {
            let leases = leftover.map { ($0.active.job.id, $0.active.lease.token) }
            do {
                try await queue.release(leases, on: client)
            } catch {
                // The supervisor releases them by worker id when this process is gone; their leases expire otherwise.
                onEvent(.error("unable to hand back \(leases.count) jobs at close: \(error.message)"))
            }
        }
        state.withLock { $0.closeDone = true }
    }

    /// No job starts from now on: jobs held ahead go back to the queue at once (their slots hand them back
    /// when their wait for a permit ends), and no take starts.
    func stopStarting() {
        permits.close()
        gate.close()
    }

    /// Fires the queue's repeatable jobs when their ticks come, until cancelled. Every worker of the queue
    /// does this; the tick script lets exactly one of them add each tick's job.
    private func fireSchedules() async {
        var failures = 0
        while !Task.isCancelled {
            // With no schedule at all, look again only now and then (a new schedule's first tick may then
            // be late by up to that long); otherwise sleep until the next tick.
            var wait = Self.scheduleCheckInterval
            do {
                let (_, nextIn) = try await queue.fireDueSchedules()
                if let nextIn { wait = min(wait, .milliseconds(max(5, nextIn))) }
                failures = 0
            } catch {
                failures += 1
                if failures == 1 { onEvent(.error("unable to fire repeatable jobs: \(error.message)")) }
            }
            try? await Task.sleep(for: wait)
        }
    }

    /// How often a worker looks for schedules when it knows of no upcoming tick.
    static let scheduleCheckInterval = Duration.seconds(30)

    /// Renews the leases of running jobs and returns stalled jobs of the queue, until cancelled.
    private func maintain() async {
        let renewEvery = configuration.lease / 3
        var untilStallCheck = Duration.zero
        while !Task.isCancelled {
            try? await Task.sleep(for: min(renewEvery, configuration.stalledInterval))
            if Task.isCancelled { return }
            let leases = running.leases
            if !leases.isEmpty {
                do {
                    let (_, lost) = try await queue.renew(leases, lease: configuration.lease, on: client)
                    for entry in running.cancel(lost, because: .leaseLost) { onEvent(.refused(entry.active.job)) }
                } catch {
                    onEvent(.error("unable to renew \(leases.count) leases: \(error.message)"))
                }
            }
            untilStallCheck -= min(renewEvery, configuration.stalledInterval)
            if untilStallCheck <= .zero {
                untilStallCheck = configuration.stalledInterval
                do {
                    try await queue.recoverStalled(maxStalls: configuration.maxStalls, on: client)
                } catch {
                    onEvent(.error("unable to check for stalled jobs: \(error.message)"))
                }
            }
        }
    }
}
