import Bullpen
import Testing

/// The README's library example compiles with `import Bullpen` alone, and adds a job.
@Suite struct LibraryImportTests {
    struct Welcome: Codable, Sendable { var to: String; var name: String }

    @Test func theReadmeExampleWorksWithOneImport() async throws {
        let redis = RedisPool(try RedisConfiguration(url: CLIWorld.redis.url), size: 2)
        var settings = QueueSettings(defaults: JobOptions(attempts: 5))
        settings.prefix = CLIWorld.prefixForLibraryTest
        let emails = try Queue("emails", redis: redis, settings: settings)
        let added = try await emails.add("welcome", data: Welcome(to: "ada@example.com", name: "Ada"),
                                         options: JobOptions(jobId: "welcome:42", priority: 1))
        #expect(added == AddedJob(id: "welcome:42", created: true))
        let bulk = try await emails.addBulk(["a@example.com", "b@example.com"].map { try NewJob("digest", data: Welcome(to: $0, name: "x")) })
        #expect(bulk.count == 2)
        #expect(try await emails.job("welcome:42")?.maxAttempts == 5)
        // A producer loop on the connection's own thread.
        let orders = ["c@example.com", "d@example.com"].map { Welcome(to: $0, name: "y") }
        let ids = try await redis.onConnectionThread {
            var ids: [String] = []
            for order in orders { ids.append(try await emails.add("invoice", data: order).id) }
            return ids
        }
        #expect(ids.count == 2)
        for id in ids { #expect(try await emails.job(id)?.name == "invoice") }
    }
}
