import Testing
@testable import BullpenTopology

/// The repository's own `etc/bullpen.yaml`, found from this file's path, so the test follows the file.
private func exampleTopology() throws -> Topology {
    let testsFolder = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3)
    return try Topology.load(path: testsFolder.joined(separator: "/") + "/etc/bullpen.yaml")
}

@Test func exampleFileHasItsQueuesInFileOrderWithTheirSettings() throws {
    let topology = try exampleTopology()
    #expect(topology.redis == .embedded)
    #expect(topology.stopTimeout == .seconds(30))
    #expect(topology.queues.map(\.name) == ["emails", "images", "reports"])

    let emails = try #require(topology.queue(named: "emails"))
    #expect(emails.processes == 1)
    #expect(emails.concurrency == 10)
    #expect(emails.limiter == LimiterSetting(max: 100, duration: .seconds(60)))
    #expect(emails.defaults.attempts == 5)
    #expect(emails.defaults.backoff == BackoffSetting(kind: .exponential, delay: .seconds(2)))
    #expect(emails.defaults.removeOnComplete == RetentionSetting(count: 100))
    #expect(emails.defaults.removeOnFail == RetentionSetting(count: 500))

    let images = try #require(topology.queue(named: "images"))
    #expect(images.processes == 2)
    #expect(images.concurrency == 3)
    #expect(images.maxJobsPerProcess == 1_000)
    let maxMemory: Int64? = 512 * 1_048_576
    #expect(images.maxMemory == maxMemory)
    #expect(images.defaults.attempts == 3)
    #expect(images.defaults.backoff == BackoffSetting(kind: .exponential, delay: .seconds(5)))

    let reports = try #require(topology.queue(named: "reports"))
    #expect(reports.defaults.backoff == BackoffSetting(kind: .fixed, delay: .seconds(60)))
    #expect(reports.defaults.removeOnFail == .keepAll)
    #expect(reports.schedules == [
        ScheduleSetting(id: "daily-revenue", trigger: .cron("0 9 * * *", timeZone: "UTC")),
    ])
    #expect(reports.schedules.first?.name == "daily-revenue")
}

@Test func exampleFileGetsEveryDefault() throws {
    let topology = try exampleTopology()
    #expect(topology.prefix == "bullpen")
    #expect(topology.embeddedRedis == EmbeddedRedisSetting(dir: "../var/redis", port: 0))
    #expect(topology.restart == RestartPolicy(
        backoffStart: .seconds(1), backoffMax: .seconds(60), fatalAfter: 5, quickDeath: .seconds(10)))
    let images = try #require(topology.queue(named: "images"))
    #expect(images.lease == .seconds(30))
    #expect(images.stalledInterval == .seconds(30))
    #expect(images.maxStalled == 1)
    #expect(images.maxCrashes == 3)
    #expect(images.maxPayload == 512 * 1_024)
    #expect(images.deadLetter == DeadLetterSetting(enabled: true, maxLength: 10_000))
    #expect(images.handler == nil)
    #expect(images.limiter == nil)
    #expect(images.stopTimeout == nil)
    #expect(topology.stopTimeout(of: images) == .seconds(30))
    #expect(images.defaults.priority == nil)
    #expect(images.defaults.delay == .zero)
    #expect(images.defaults.lifo == false)
    #expect(images.defaults.timeout == nil)
    #expect(images.defaults.removeOnComplete == .keepAll)
    #expect(images.schedules.isEmpty)
}

@Test func exampleFileRendersWithDefaultsAndReadsBackEqual() throws {
    let topology = try exampleTopology()
    let rendered = topology.render()
    #expect(rendered.contains("prefix: bullpen\n"))
    #expect(rendered.contains("    max_payload: 512KiB\n"))
    #expect(rendered.contains("        cron: \"0 9 * * *\"\n"))
    #expect(try Topology.parse(yaml: rendered, file: "rendered.yaml") == topology)
}

@Test func everySettingIsReadAndSurvivesARenderRoundTrip() throws {
    let yaml = """
        redis: "unix:///run/redis.sock?db=2"
        embedded_redis: { dir: /var/lib/bullpen, port: 6390 }
        prefix: jobs
        stop_timeout: 1m30s
        restart: { backoff_start: 500ms, backoff_max: 2m, fatal_after: 3, quick_death: 5s }
        x-common: &common { concurrency: 4, lease: 1m }
        queues:
          transcode:
            <<: *common
            processes: 0
            limiter: { max: 5, duration: 1s }
            stalled_interval: 15s
            max_stalled: 2
            max_crashes: 1
            stop_timeout: 10s
            max_jobs_per_process: 50
            max_memory: 1GB
            max_payload: 64KB
            dead_letter: { enabled: false, max_len: 10 }
            handler: { exec: [bin/transcode, --fast, 3], timeout: 5m, max_output: 2MiB }
            defaults:
              attempts: 4
              backoff: "fixed:10s"
              priority: 7
              delay: 1h
              lifo: true
              timeout: 30s
              remove_on_complete: true
              remove_on_fail: { count: 10, age: 1d }
            schedules:
              nightly: { cron: "0 3 * * *", tz: Europe/Berlin, name: sweep, data: { dry: true, ids: [1, 2.5, "x"] } }
              poll: { every: 15m, start: "2026-01-01T00:00:00Z", end: 2026-02-01, limit: 10, catch_up: true }
        """
    let topology = try Topology.parse(yaml: yaml, file: "full.yaml")
    #expect(topology.redis == .url("unix:///run/redis.sock?db=2"))
    #expect(topology.embeddedRedis == EmbeddedRedisSetting(dir: "/var/lib/bullpen", port: 6390))
    #expect(topology.prefix == "jobs")
    #expect(topology.stopTimeout == .seconds(90))
    #expect(topology.restart == RestartPolicy(
        backoffStart: .milliseconds(500), backoffMax: .seconds(120), fatalAfter: 3, quickDeath: .seconds(5)))

    let queue = try #require(topology.queue(named: "transcode"))
    #expect(topology.queues.count == 1)
    #expect(queue.concurrency == 4)  // merged from the x- anchor
    #expect(queue.lease == .seconds(60))
    #expect(queue.processes == 0)
    #expect(queue.limiter == LimiterSetting(max: 5, duration: .seconds(1)))
    #expect(queue.stalledInterval == .seconds(15))
    #expect(queue.maxStalled == 2)
    #expect(queue.maxCrashes == 1)
    #expect(queue.stopTimeout == .seconds(10))
    #expect(topology.stopTimeout(of: queue) == .seconds(10))
    #expect(queue.maxJobsPerProcess == 50)
    #expect(queue.maxMemory == 1_000_000_000)
    #expect(queue.maxPayload == 64_000)
    #expect(queue.deadLetter == DeadLetterSetting(enabled: false, maxLength: 10))
    #expect(queue.handler == ExecHandlerSetting(
        argv: ["bin/transcode", "--fast", "3"], timeout: .seconds(300), maxOutput: 2 * 1_048_576))
    #expect(queue.defaults == JobDefaults(
        attempts: 4, backoff: BackoffSetting(kind: .fixed, delay: .seconds(10)), priority: 7, delay: .seconds(3_600),
        lifo: true, timeout: .seconds(30), removeOnComplete: .keepNone,
        removeOnFail: RetentionSetting(count: 10, age: .seconds(86_400))))
    #expect(queue.schedules == [
        ScheduleSetting(
            id: "nightly", trigger: .cron("0 3 * * *", timeZone: "Europe/Berlin"), name: "sweep",
            data: #"{"dry": true, "ids": [1, 2.5, "x"]}"#),
        ScheduleSetting(
            id: "poll", trigger: .every(.seconds(900)), start: 1_767_225_600_000, end: 1_769_904_000_000,
            limit: 10, catchUp: true),
    ])

    let rendered = topology.render(showSecrets: true)
    #expect(try Topology.parse(yaml: rendered, file: "rendered.yaml") == topology)
}

@Test func renderHidesARedisPasswordUnlessAsked() throws {
    let topology = try Topology.parse(yaml: "redis: redis://app:s3cret@db:6379/1\nqueues: { a: {} }\n", file: "t.yaml")
    #expect(topology.render().contains("redis: \"redis://app:***@db:6379/1\"\n"))
    #expect(!topology.render().contains("s3cret"))
    #expect(topology.render(showSecrets: true).contains("s3cret"))
}

@Test func aQueueWithNothingSetGetsAllDefaults() throws {
    let topology = try Topology.parse(yaml: "queues:\n  plain:\n  braces: {}\n", file: "t.yaml")
    #expect(topology.queues == [QueueTopology(name: "plain"), QueueTopology(name: "braces")])
}

@Test func aMissingFileIsOneUnreadableIssue() throws {
    let error = try #require(throws: TopologyError.self) { try Topology.load(path: "no/such/bullpen.yaml") }
    #expect(error.issues.count == 1)
    #expect(error.issues.first?.code == .unreadable)
    #expect(error.description.hasPrefix("no/such/bullpen.yaml: cannot read the file ("))
}
