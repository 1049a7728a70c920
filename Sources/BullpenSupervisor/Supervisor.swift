import BullpenProcess
import BullpenTopology
import Glibc

/// The supervisor: keeps the topology's worker processes running, one state machine per slot, and
/// answers the signals of `design.md` (TERM/INT drain, HUP reload, USR2 rolling restart).
///
/// It is single-threaded and synchronous on purpose: the handled signals are blocked and taken with
/// `sigtimedwait` (no signal handlers, no races), children are reaped with `waitpid(-1)`, and every
/// state change happens on the one loop, so all state is plain stored properties. Use:
///
///     // first thing in main, before anything that may start a thread:
///     try Supervisor.prepareSignals()
///     ...
///     exit(Supervisor(configuration: configuration).run())
///
/// `run()` must be called on the main thread (top-level code, or code isolated to the main actor; never
/// from a `Task` or the cooperative pool — it returns 70 there): a worker's parent-death signal fires
/// when the *thread* that spawned it exits, so every spawn happens on the thread that lives as long as
/// the process. It blocks that thread until the end, and must be called once. The process must own all
/// its children (`waitpid(-1)` takes any): never mix it with `CommandRun`, Foundation's `Process` or
/// swift-subprocess in the same process.
///
/// Workers stay in the supervisor's process group: a terminal's Ctrl-C reaches them as well as the
/// supervisor (both drain). Under systemd (`KillMode=mixed`) only the supervisor gets SIGTERM and
/// drains its workers itself.
public final class Supervisor {
    /// The signals the loop takes with `sigtimedwait`.
    public static let handledSignals: SignalSet = [SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGUSR2]

    let configuration: SupervisorConfiguration
    let log: SupervisorLog
    let clock = ContinuousClock()
    let pid: pid_t = getpid()
    let hostname: String
    /// The topology file, absolute.
    let topologyPath: String

    /// The applied topology (the last valid file read).
    var topology = Topology()
    /// The queues, in topology order; removed queues stay at the end while their slots drain.
    var queues: [QueueRuntime] = []
    var phase: SupervisorStatus.Phase = .starting
    /// The embedded redis-server, when the topology says `redis: embedded`.
    var redis: RedisChild?
    /// The next spawn's serial number (see `SpawnedChild.serial`).
    var nextSerial: UInt64 = 1
    /// The code `run()` returns once everything is stopped.
    var exitCode = SupervisorExitCode.drained
    /// Set when the loop is over.
    var finishedCode: Int32?
    /// A second TERM/INT came during the drain.
    var forced = false

    /// Exit reports not yet accepted by the observer, oldest first.
    var pendingExits: [WorkerExit] = []
    var reportFailing = false
    var nextRetryAt: ContinuousClock.Instant?
    var readySent = false
    var lastPublished: SupervisorStatus?
    var lastSummary: String?
    var nextStatusAt: ContinuousClock.Instant?
    var nextMemoryCheckAt: ContinuousClock.Instant?
    var nextWatchdogAt: ContinuousClock.Instant?
    var notifyFailing = false
    var publishFailing = false

    /// A supervisor for `configuration`; nothing happens until ``run()``.
    public init(configuration: SupervisorConfiguration) {
        self.configuration = configuration
        self.log = configuration.log
        self.topologyPath = ExecutablePath.absolute(configuration.topologyPath)
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count - 1)
        self.hostname = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Blocks the handled signals on the calling thread (and so on every thread created afterwards), and
    /// ignores SIGPIPE (a closed stderr must not kill the supervisor; children get default dispositions
    /// back at spawn). Call it first thing in `main`, before anything starts a thread: a thread created
    /// earlier keeps the signals unblocked and would take them in place of the loop. ``run()`` calls it
    /// again, which is harmless.
    public static func prepareSignals() throws(SupervisorError) {
        do {
            try Signals.block(handledSignals)
            try Signals.ignore(SIGPIPE)
        } catch {
            throw SupervisorError(.signals, "unable to prepare the supervisor's signals: \(error)")
        }
    }

    /// Runs until every worker is stopped, and returns the process exit code (``SupervisorExitCode``):
    /// 0 after a drain, 78 when the topology is invalid at start, 75 when Redis cannot be reached at
    /// start, 70 on an internal error. Call it on the main thread.
    public func run() -> Int32 {
        do {
            try Self.prepareSignals()
        } catch {
            log.fatal(error.description)
            return SupervisorExitCode.internalError
        }
        guard Self.isMainThread else {
            log.fatal(SupervisorError(.thread, "Supervisor.run() must be called on the main thread (workers die when the thread that spawned them exits)").message)
            return SupervisorExitCode.internalError
        }
        if let code = start() { return code }
        return loop()
    }

    /// The current state of every slot.
    public var status: SupervisorStatus {
        SupervisorStatus(
            pid: pid, hostname: hostname, phase: phase,
            slots: queues.flatMap { $0.slots.map(\.status) }, redis: redis?.status)
    }

    /// The loop: one signal (or a tick), then reaping, then timers and slots.
    private func loop() -> Int32 {
        let waiter = SignalWaiter(Self.handledSignals)
        while true {
            let signal: Int32?
            do {
                signal = try waiter.wait(timeout: configuration.timing.tick)
            } catch {
                log.fatal("\(error); killing every child")
                killEverything()
                return SupervisorExitCode.internalError
            }
            if let signal { handle(signal) }
            reapChildren()
            step()
            if let finishedCode { return finishedCode }
        }
    }

    private func handle(_ signal: Int32) {
        switch signal {
        case SIGTERM, SIGINT:
            if phase == .starting || phase == .running {
                beginDrain(signal, now: clock.now)
            } else {
                forceStop(signal, now: clock.now)
            }
        case SIGHUP:
            reload()
        case SIGUSR2:
            rollingRestart()
        default:
            break  // SIGCHLD: every turn reaps anyway.
        }
    }

    /// Timers and slot transitions, in an order where each part sees the previous one's changes.
    private func step() {
        let now = clock.now
        if phase == .starting { advanceStart(now: now) }
        switch phase {
        case .running:
            reconcileQueues(now: now)
            advanceRollouts(now: now)
            checkMemory(now: now)
        case .draining:
            reconcileQueues(now: now)
            if queues.allSatisfy({ $0.slots.allSatisfy(\.isEmpty) }) { beginStoppingRedis(now: now) }
        case .starting, .stopping:
            break
        }
        superviseRedis(now: now)
        deliverExits(now: now)
        publish(now: now)
        if phase == .stopping && (redis?.process == nil) { finish() }
    }

    /// `1 worker`, `3 workers`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// True on the process's main thread (its thread id equals the pid), read from `/proc/thread-self`.
    static var isMainThread: Bool {
        var buffer = [CChar](repeating: 0, count: 64)
        let length = readlink("/proc/thread-self", &buffer, buffer.count - 1)
        // `<pid>/task/<tid>`; without /proc, assume the caller followed the documentation.
        guard length > 0 else { return true }
        let text = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.split(separator: "/").last.map(String.init) == String(getpid())
    }
}
