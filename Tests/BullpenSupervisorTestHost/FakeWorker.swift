import BullpenProcess
import BullpenSupervisor
import Glibc

/// The `worker` mode: a fake worker that arms its parent-death signal like the real one, records what
/// it was started with, and behaves as its queue name (the part before the first `-`) says:
///
/// - `sleep`: waits; exits 0 on SIGTERM.
/// - `crash`: exits 1 at once.
/// - `stubborn`: ignores SIGTERM (only SIGKILL ends it).
/// - `recycle`: exits 0 after 1 s (recycling itself); exits 0 on SIGTERM.
/// - `hog`: records its start, allocates and touches 160 MiB, then waits like `sleep`.
enum FakeWorker {
    static func run(arguments: [String]) -> Int32 {
        let environment = ProcessEnvironment.current()
        let recorder = EventRecorder(path: ProcessEnvironment.value(EventRecorder.variable, in: environment) ?? "/dev/null")
        let queue = HostSupervisor.option("--queue", in: arguments) ?? "?"
        let workerID = HostSupervisor.option("--worker-id", in: arguments) ?? "?"
        let supervisor = ProcessEnvironment.value(WorkerCommand.supervisorPIDVariable, in: environment).flatMap { pid_t($0) }
        let waiter = SignalWaiter([SIGTERM, SIGINT])
        // TERM is taken by the waiter; it was blocked by prepareSignals in main already.
        if let supervisor { _ = try? ParentDeath.arm(signal: SIGTERM, expectedParent: supervisor) }
        let behaviour = queue.split(separator: "-").first.map(String.init) ?? queue
        let notify = ProcessEnvironment.value("NOTIFY_SOCKET", in: environment) == nil ? "absent" : "present"
        recorder.record("spawn", [
            "queue": queue, "pid": String(getpid()), "worker": workerID, "argv": arguments.joined(separator: " "),
            "supervisor": supervisor.map(String.init) ?? "-", "envworker": ProcessEnvironment.value(WorkerCommand.workerIDVariable, in: environment) ?? "-",
            "notify": notify,
        ])
        var memory: UnsafeMutableRawPointer?
        if behaviour == "hog" {
            let size = 160 << 20
            memory = malloc(size)
            if let memory { memset(memory, 1, size) }
        }
        defer { free(memory) }
        if behaviour == "crash" { return 1 }
        let clock = ContinuousClock()
        let recycleAt = clock.now.advanced(by: .seconds(1))
        while true {
            let timeout: Duration? = behaviour == "recycle" ? clock.now.duration(to: recycleAt) : nil
            let signal = try? waiter.wait(timeout: timeout.map { max($0, .zero) })
            guard let signal else {
                if behaviour == "recycle" && clock.now >= recycleAt {
                    recorder.record("recycle", ["queue": queue, "pid": String(getpid())])
                    return WorkerExitCode.recycled
                }
                continue
            }
            recorder.record("term", ["queue": queue, "pid": String(getpid()), "signal": String(signal)])
            if behaviour != "stubborn" { return 0 }
        }
    }
}
