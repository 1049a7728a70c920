import BullpenCore
import Foundation
import Glibc
import Testing

/// The real `bullpen supervise` and `bullpen worker` processes, with real signals, against the test Redis.
@Suite(.timeLimit(.minutes(2))) struct SupervisorEndToEndTests {
    /// A topology on the shared test Redis whose queue `work` runs an exec handler: `crash` jobs kill their
    /// worker (the command's parent) with SIGKILL, the others complete.
    func setup() throws -> (world: CLIWorld, topology: String) {
        let world = try CLIWorld()
        let script = try world.write("job.sh", #"read -r job; case "$job" in *crash*) kill -9 $PPID; sleep 5;; esac; echo '{"done":true}'"#)
        let topology = try world.write("bullpen.yaml", """
            redis: \(CLIWorld.redis.url)
            prefix: \(world.prefix)
            stop_timeout: 3s
            restart: { backoff_start: 100ms, backoff_max: 400ms, fatal_after: 10, quick_death: 1s }
            queues:
              work:
                processes: 2
                concurrency: 2
                max_crashes: 2
                handler: { exec: [/bin/sh, \(script)] }
            """)
        return (world, topology)
    }

    @Test func runsJobsRestartsCrashedWorkersDeadLettersAPoisonJobAndDrains() async throws {
        let (world, topology) = try setup()
        let supervisor = try BullpenProcessUnderTest.start(["supervise", "--config", topology], in: world, log: "supervisor.log")
        defer { supervisor.kill() }
        let queue = try world.queue("work")
        #expect(await eventually { world.processCount(of: supervisor) == 2 })

        for index in 0..<10 { _ = try await world.run(["add", "work", "job", #"{"n":\#(index)}"#, "--config", topology]) }
        let poison = try await world.run(["add", "work", "poison", #"{"crash":true}"#, "--config", topology])
        #expect(poison.code == 0)

        #expect(await eventually { (try? await queue.counts().completed) == 10 })
        #expect(await eventually { (try? await queue.counts().deadLetter) == 1 })
        let dead = try #require(try await queue.deadLetters().entries.first)
        #expect(dead.error == "worker killed by signal 9 (SIGKILL) while running this job, 2 times")
        #expect(dead.crashes == 2 && dead.data == #"{"crash":true}"#)
        // The killed workers were replaced, and their heartbeats count the restarts.
        #expect(await eventually { world.processCount(of: supervisor) == 2 })
        let client = CLIWorld.pool.client()
        #expect(await eventually { (try? await WorkerStatus.all(prefix: world.prefix, on: client).map(\.restarts).reduce(0, +)) ?? 0 >= 2 })
        #expect(supervisor.log.contains("killed by signal 9 (SIGKILL)"))
        // The test Redis runs without persistence: the supervisor says so at start.
        #expect(supervisor.log.contains("runs without persistence"))

        let workers = processes(matching: "worker --config \(topology)")
        supervisor.signal(SIGTERM)
        let status = await supervisor.waitForExit(timeout: .seconds(5))
        #expect(status?.isSuccess == true, "supervisor log:\n\(supervisor.log)")
        #expect(workers.allSatisfy { Glibc.kill($0, 0) != 0 })
    }

    @Test func aTerminalsCtrlCReachesTheSupervisorOnlyWhichDrainsItsWorkers() async throws {
        let (world, topology) = try setup()
        // As under a terminal: the supervisor leads the foreground process group that Ctrl-C signals.
        let supervisor = try BullpenProcessUnderTest.start(
            ["supervise", "--config", topology], in: world, log: "supervisor.log", processGroup: .new)
        defer { supervisor.kill() }
        let client = CLIWorld.pool.client()
        #expect(await eventually { (try? await WorkerStatus.all(prefix: world.prefix, on: client).count) == 2 })
        Glibc.kill(-supervisor.pid, SIGINT)
        let status = await supervisor.waitForExit(timeout: .seconds(6))
        #expect(status?.isSuccess == true, "supervisor log:\n\(supervisor.log)")
        // The workers heard only the supervisor's SIGTERM, once: a drain with the whole stop_timeout.
        let log = supervisor.log
        #expect(log.components(separatedBy: "stopping (SIGTERM); running jobs get 3s").count - 1 == 2, "\(log)")
        #expect(!log.contains("stopping (SIGINT)") && !log.contains("running jobs get 0s"), "\(log)")
    }

    @Test func aKilledSupervisorLeavesNoWorkerBehind() async throws {
        let (world, topology) = try setup()
        let supervisor = try BullpenProcessUnderTest.start(["supervise", "--config", topology], in: world, log: "supervisor.log")
        defer { supervisor.kill() }
        // Wait until both workers run (their heartbeats are written once they are tied to the supervisor).
        let client = CLIWorld.pool.client()
        #expect(await eventually { (try? await WorkerStatus.all(prefix: world.prefix, on: client).count) == 2 })
        let workers = processes(matching: "worker --config \(topology)")
        #expect(workers.count == 2)
        supervisor.signal(SIGKILL)
        _ = await supervisor.waitForExit(timeout: .seconds(2))
        #expect(await eventually(timeout: .seconds(2)) { workers.allSatisfy { !isAlive($0) } },
                "still alive: \(workers.filter(isAlive).map { ($0, (try? String(contentsOfFile: "/proc/\($0)/status", encoding: .utf8)) ?? "") })")
    }

    @Test func anUnreachableRedisAtStartExits75() async throws {
        let world = try CLIWorld()
        let topology = try world.write("bullpen.yaml", "redis: redis://127.0.0.1:1\nqueues:\n  q: {}\n")
        let supervisor = try BullpenProcessUnderTest.start(["supervise", "--config", topology], in: world, log: "supervisor.log")
        defer { supervisor.kill() }
        let status = await supervisor.waitForExit(timeout: .seconds(30))
        #expect(status == .exited(code: 75), "\(supervisor.log)")
        #expect(supervisor.log.contains("unable to connect to redis at 127.0.0.1:1"))
        #expect(processes(matching: "worker --config \(topology)").isEmpty)
    }

    @Test func theRateLimitHoldsAcrossTwoWorkerProcesses() async throws {
        let world = try CLIWorld()
        let topology = try world.write("bullpen.yaml", """
            redis: \(CLIWorld.redis.url)
            prefix: \(world.prefix)
            queues:
              limited:
                concurrency: 5
                limiter: { max: 4, duration: 1s }
                handler: { exec: [/bin/sh, -c, 'cat >/dev/null'] }
            """)
        let queue = try world.queue("limited")
        try await queue.addBulk((0..<16).map { _ in NewJob("n") })
        let first = try BullpenProcessUnderTest.start(["worker", "--config", topology, "--queue", "limited", "--worker-id", "a"], in: world, log: "a.log")
        let second = try BullpenProcessUnderTest.start(["worker", "--config", topology, "--queue", "limited", "--worker-id", "b"], in: world, log: "b.log")
        defer { first.kill(); second.kill() }
        #expect(await eventually(timeout: .seconds(20)) { (try? await queue.counts().completed) == 16 })
        let starts = try await queue.events(count: 1000).filter { $0.name == "active" }
        #expect(Set(starts.compactMap { $0.fields["worker"] }) == ["a", "b"])
        // Stream ids begin with the Redis time in ms: 16 jobs at 4 per second need at least 3 more windows.
        let times = starts.compactMap { Int64($0.streamID.split(separator: "-")[0]) }.sorted()
        #expect(times.count == 16)
        #expect(times.last! - times.first! >= 3000 - 50)
        for index in 0..<(times.count - 8) {
            // A fixed window allows at most 2 x max starts within any second (the end of one window and the
            // start of the next), never more.
            #expect(times[index + 8] - times[index] > 1000 - 50)
        }
        first.signal(SIGTERM)
        second.signal(SIGTERM)
        #expect(await first.waitForExit(timeout: .seconds(5))?.isSuccess == true)
        #expect(await second.waitForExit(timeout: .seconds(5))?.isSuccess == true)
    }
}

func isAlive(_ pid: pid_t) -> Bool {
    guard Glibc.kill(pid, 0) == 0 else { return false }
    let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: " ").dropFirst(2).first
    return state != "Z"
}

extension CLIWorld {
    /// Live worker processes started by `supervisor`.
    func processCount(of supervisor: BullpenProcessUnderTest) -> Int {
        processes(matching: " worker --config ").filter { pid in
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            return stat.split(separator: ")").last?.split(separator: " ").dropFirst(1).first == Substring(String(supervisor.pid))
        }.count
    }
}
