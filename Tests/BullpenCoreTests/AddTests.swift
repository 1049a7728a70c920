import BullpenCore
import BullpenRedis
import Testing

@Suite(.timeLimit(.minutes(2))) struct AddTests {
    struct Welcome: Codable, Equatable { var to: String; var name: String }

    @Test func addsAJobWithEncodableDataAndDefaults() async throws {
        let queue = try makeQueue(settings: QueueSettings(defaults: JobOptions(attempts: 5, backoff: .fixed(.seconds(2)))))
        let added = try await queue.add("welcome", data: Welcome(to: "a@b.c", name: "Ada"), options: JobOptions(priority: 3))
        #expect(added.created)
        let job = try #require(try await queue.job(added.id))
        #expect(job.name == "welcome")
        #expect(try job.decode(Welcome.self) == Welcome(to: "a@b.c", name: "Ada"))
        #expect(job.state == .prioritized)
        #expect(job.maxAttempts == 5)
        #expect(job.options.backoff == .fixed(.seconds(2)))
        #expect(job.options.priority == 3)
        #expect(job.createdAt > 1_700_000_000_000)
    }

    @Test func aJobIdThatExistsIsANoOpReturningTheExistingJob() async throws {
        let queue = try makeQueue()
        let first = try await queue.add("a", json: #"{"v":1}"#, options: JobOptions(jobId: "order:7"))
        let second = try await queue.add("a", json: #"{"v":2}"#, options: JobOptions(jobId: "order:7"))
        #expect(first == AddedJob(id: "order:7", created: true))
        #expect(second == AddedJob(id: "order:7", created: false))
        #expect(try await queue.job("order:7")?.data == #"{"v":1}"#)
        #expect(try await queue.counts().waiting == 1)
    }

    @Test func numbersJobsInOrder() async throws {
        let queue = try makeQueue()
        let ids = try await queue.addBulk((0..<3).map { NewJob("n", json: "{\"i\":\($0)}") }).map(\.id)
        #expect(ids == ["1", "2", "3"])
        #expect(try await queue.add("n", json: "{}").id == "4")
    }

    @Test func bulkAddsManyJobsInOneCallAndDedupesWithinIt() async throws {
        let queue = try makeQueue()
        var jobs = (0..<2500).map { NewJob("bulk", json: "{\"i\":\($0)}") }
        jobs.append(NewJob("bulk", json: "{}", options: JobOptions(jobId: "x")))
        jobs.append(NewJob("bulk", json: "{}", options: JobOptions(jobId: "x")))
        let added = try await queue.addBulk(jobs)
        #expect(added.count == 2502)
        #expect(added.filter(\.created).count == 2501)
        #expect(try await queue.counts().waiting == 2501)
        // The first added is the first taken.
        #expect(try await queue.take(worker).active?.job.data == #"{"i":0}"#)
    }

    @Test func aBulkAddStoresOneAddedEntryThatReadsAsOneEventPerJob() async throws {
        let queue = try makeQueue()
        try await queue.addBulk((0..<3).map { NewJob("same", json: "{\"i\":\($0)}") })
        // A job whose id exists is not reported as added again.
        try await queue.add("own", json: "{}", options: JobOptions(jobId: "kept"))
        try await queue.addBulk([
            NewJob("mail", json: "{}"), NewJob("resize", json: "{}", options: JobOptions(jobId: "kept")),
            NewJob("resize", json: "{}", options: JobOptions(jobId: "img:1")),
        ])
        let events = try await queue.events()
        #expect(events.map(\.jobID) == ["1", "2", "3", "kept", "4", "img:1"])
        #expect(events.map { $0.fields["name"] } == ["same", "same", "same", "own", "mail", "resize"])
        #expect(Set(events.map(\.name)) == ["added"])
        // Three stream entries: each bulk add is one, whatever its size.
        #expect(Set(events.map(\.streamID)).count == 3)
        let length = try await queue.redis.client().send(["XLEN", queue.keys.events])
        #expect(length == .integer(3))
    }

    @Test(arguments: [
        (JobOptions(priority: 0), "invalid job option priority: 0"),
        (JobOptions(priority: 3_000_000), "invalid job option priority: 3000000"),
        (JobOptions(delay: .milliseconds(-5)), "invalid job option delay: -5ms"),
        (JobOptions(attempts: 0), "invalid job option attempts: 0"),
        (JobOptions(backoff: .fixed(.milliseconds(-1))), "invalid job option backoff.delay: -1ms"),
        (JobOptions(backoff: .exponential(.seconds(1), jitter: 1.5)), "invalid job option backoff.jitter: 1.5"),
        (JobOptions(removeOnComplete: .keep(-2)), "invalid job option removeOnComplete.count: -2"),
        (JobOptions(removeOnFail: JobRetention(age: .zero)), "invalid job option removeOnFail.age: 0ms"),
        (JobOptions(timeout: .zero), "invalid job option timeout: 0ms"),
        (JobOptions(jobId: "tab\there"), "invalid job id \"tab\\there\": must not contain white space"),
        (JobOptions(jobId: "123"), "invalid job id \"123\": all digits"),
        (JobOptions(jobId: ""), "invalid job id \"\": must not be empty"),
        (JobOptions(jobId: "has space"), "invalid job id \"has space\""),
        (JobOptions(jobId: String(repeating: "x", count: 300)), "longer than 256 bytes"),
    ])
    func rejectsBadOptionsNamingThemAndWritesNothing(options: JobOptions, message: String) async throws {
        let queue = try makeQueue()
        await #expect {
            try await queue.add("bad", json: "{}", options: options)
        } throws: { error in
            (error as! QueueError).message.contains(message)
        }
        #expect(try await queue.redis.client().send(["KEYS", queue.settings.prefix + ":*"]) == .array([]))
    }

    @Test(arguments: [
        ("{\"a\":", "job data is not valid JSON: unexpected end of text"),
        ("{'a':1}", "unexpected character \"'\" at byte 1"),
        ("[1,2,]", "unexpected character \"]\" at byte 5"),
        ("{} {}", "unexpected character \"{\" at byte 3"),
        (String(repeating: "[", count: 65) + String(repeating: "]", count: 65), "nested deeper than 64 levels"),
        ("\"" + String(repeating: "x", count: 600 * 1024) + "\"", "more than the limit of 524288"),
    ])
    func rejectsBadPayloads(data: String, message: String) async throws {
        let queue = try makeQueue()
        await #expect {
            try await queue.add("bad", json: data)
        } throws: { error in
            let error = error as! QueueError
            return error.code == .invalidPayload && error.message.contains(message)
        }
    }

    @Test func aBadJobInABulkAddRejectsTheWholeBulk() async throws {
        let queue = try makeQueue()
        let jobs = [NewJob("ok", json: "{}"), NewJob("bad", json: "{nope}"), NewJob("ok", json: "{}")]
        await #expect {
            try await queue.addBulk(jobs)
        } throws: { error in
            (error as! QueueError).message.hasPrefix("job 2 of 3: job data is not valid JSON")
        }
        #expect(try await queue.counts().waiting == 0)
    }

    @Test(arguments: ["", "a:b", "{x}", "a b", String(repeating: "q", count: 101)])
    func rejectsBadQueueNames(name: String) {
        #expect {
            _ = try Queue(name, redis: sharedPool)
        } throws: { error in
            let error = error as! QueueError
            return error.code == .invalidQueueName && error.message.contains("\"\(name)\"")
        }
    }

    @Test func everyKeyCarriesTheQueueHashTag() async throws {
        let queue = try makeQueue("emails")
        let active = try #require(try await { () async throws -> ActiveJob? in
            try await queue.add("a", json: "{}", options: JobOptions(attempts: 1))
            try await queue.add("b", json: "{}", options: JobOptions(delay: .seconds(60)))
            return try await queue.take(worker).active
        }())
        _ = try await queue.finish(active, .failed(reason: "boom"))
        try await queue.log("2", "hello")
        let keys = try await queue.redis.client().send(["KEYS", queue.settings.prefix + ":*"]).array!.compactMap(\.string)
        #expect(keys.count > 5)
        for key in keys where key != QueueKeys.registry(prefix: queue.settings.prefix) {
            #expect(key.hasPrefix(queue.settings.prefix + ":{emails}:"))
        }
        #expect(Set(keys).isSubset(of: Set(queue.keys.scriptKeys + [QueueKeys.registry(prefix: queue.settings.prefix)])))
    }
}
