import BullpenProcess
import BullpenSupervisor
import Testing

/// The worker command line and environment contract, in process (no spawning).
@Suite struct WorkerCommandTests {
    private let launch = WorkerLaunch(
        queue: "images", slot: 1, generation: 3, workerID: "web-1:4242:images:1:3", configPath: "/etc/bullpen/bullpen.yaml",
        redisURL: nil, supervisorPID: 4242)

    @Test func standardArguments() {
        #expect(WorkerCommand.standardArguments(launch) == [
            "worker", "--config", "/etc/bullpen/bullpen.yaml", "--queue", "images", "--worker-id", "web-1:4242:images:1:3",
        ])
        var embedded = launch
        embedded.redisURL = "unix:///var/lib/bullpen/redis/redis.sock"
        #expect(WorkerCommand.standardArguments(embedded).suffix(2) == ["--redis", "unix:///var/lib/bullpen/redis/redis.sock"])
    }

    @Test func workerIDNamesHostSupervisorQueueSlotAndGeneration() {
        #expect(WorkerLaunch.workerID(hostname: "web-1", supervisorPID: 4242, queue: "images", slot: 1, generation: 3)
            == "web-1:4242:images:1:3")
    }

    @Test func environmentDropsSystemdVariablesAndAddsTheWorkersIdentity() {
        let base = ["PATH=/usr/bin", "NOTIFY_SOCKET=/run/systemd/notify", "WATCHDOG_USEC=30000000", "WATCHDOG_PID=1", "LANG=C"]
        let command = WorkerCommand(executable: "/usr/local/bin/app", environment: ["LANG": nil, "EXTRA": "1"])
        let options = command.spawnOptions(for: launch, environment: base)
        #expect(options.executable == "/usr/local/bin/app")
        #expect(options.arguments.first == "worker")
        #expect(options.environment.sorted() == [
            "BULLPEN_SUPERVISOR_PID=4242", "BULLPEN_WORKER_ID=web-1:4242:images:1:3", "EXTRA=1", "PATH=/usr/bin",
        ])
    }

    @Test func anInjectedCommandBuildsItsOwnArguments() {
        let command = WorkerCommand(executable: "/bin/sh") { launch in ["-c", "exec sleep 60", "fake-\(launch.queue)"] }
        #expect(command.spawnOptions(for: launch, environment: []).arguments == ["-c", "exec sleep 60", "fake-images"])
    }

    @Test func pathsAreMadeAbsoluteLexically() {
        #expect(ExecutablePath.absolute("/etc/bullpen.yaml") == "/etc/bullpen.yaml")
        #expect(ExecutablePath.absolute("etc/bullpen.yaml").hasSuffix("/etc/bullpen.yaml"))
        #expect(ExecutablePath.absolute("etc/bullpen.yaml").hasPrefix("/"))
        #expect(ExecutablePath.directory(of: "/etc/bullpen/bullpen.yaml") == "/etc/bullpen")
        #expect(ExecutablePath.directory(of: "/bullpen.yaml") == "/")
    }

    @Test func parentDeathTrampolineArguments() {
        #expect(ParentDeathExec.arguments(parent: 42, signal: 15, program: "/usr/bin/redis-server", arguments: ["--port", "0"])
            == ["__pdeathsig-exec", "42", "15", "/usr/bin/redis-server", "--port", "0"])
    }
}
