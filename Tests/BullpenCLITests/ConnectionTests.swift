import BullpenCore
import Foundation
import Testing

/// A world with a topology file `etc/topology.yaml` naming the world's Redis and prefix, with queues
/// `emails` (job defaults) and `images`.
private func setup(redis: String? = nil, extra: String = "") throws -> (CLIWorld, path: String) {
    let world = try CLIWorld()
    let path = try world.write("etc/topology.yaml", """
        redis: \(redis ?? CLIWorld.redis.url)
        prefix: \(world.prefix)
        \(extra)
        queues:
          emails:
            defaults:
              attempts: 5
              priority: 7
              backoff: { type: exponential, delay: 2s }
              remove_on_complete: { count: 100 }
          images:
            processes: 2

        """)
    return (world, path)
}

@Suite struct ConnectionTests {
    @Test func topologyGivesRedisPrefixAndJobDefaults() async throws {
        let (world, path) = try setup()
        let plain = try await world.run(["add", "emails", "welcome", "--config", path], connect: false)
        let overridden = try await world.run(["add", "emails", "welcome", "--config", path, "--attempts", "2"], connect: false)
        #expect(plain.code == 0 && overridden.code == 0, "\(plain)\n\(overridden)")
        let queue = try world.queue("emails")
        let options = try #require(try await queue.job(plain.stdout.trimmed)?.options)
        #expect(options.attempts == 5 && options.priority == 7)
        #expect(options.backoff == .exponential(.seconds(2)))
        #expect(options.removeOnComplete == .keep(100))
        #expect(try await queue.job(overridden.stdout.trimmed)?.options.attempts == 2)
    }

    @Test func withATopologyAddAcceptsOnlyItsQueues() async throws {
        let (world, path) = try setup()
        let result = try await world.run(["add", "emials", "welcome", "--config", path], connect: false)
        #expect(result.code == 64)
        #expect(result.stderr == """
            bullpen: fatal: unknown queue "emials": not in the topology (known queues: emails, images); pass --create to add it anyway

            """)
        #expect(try await world.snapshot().isEmpty)
    }

    @Test func statsListsTopologyQueuesFromTheDefaultConfigFile() async throws {
        let world = try CLIWorld()
        try world.write("etc/bullpen.yaml", """
            redis: \(CLIWorld.redis.url)
            prefix: \(world.prefix)
            queues: { emails: {}, images: {} }

            """)
        try await world.queue("other").add("x", json: "{}")
        let json = try (await world.run(["stats", "--json"], connect: false)).json()
        let names = (json["queues"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names == ["emails", "images", "other"])
    }

    @Test func embeddedRedisIsTheSocketInItsFolderNextToTheTopology() async throws {
        let (world, path) = try setup(redis: "embedded", extra: "embedded_redis: { dir: ../run/redis }")
        try FileManager.default.createDirectory(atPath: world.directory + "/run/redis", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: world.directory + "/run/redis/redis.sock", withDestinationPath: CLIWorld.redis.socketPath)
        let result = try await world.run(["add", "images", "resize", "--config", path], connect: false)
        #expect(result.code == 0, "\(result)")
        #expect(try await world.queue("images").counts().waiting == 1)
    }

    @Test func environmentNamesRedisAndTheFlagWins() async throws {
        let world = try CLIWorld()
        let fromEnvironment = try await world.run(
            ["add", "q", "a", "--create", "--prefix", world.prefix], environment: ["BULLPEN_REDIS_URL=\(CLIWorld.redis.url)"],
            connect: false)
        #expect(fromEnvironment.code == 0, "\(fromEnvironment)")
        let flagWins = try await world.run(
            ["add", "q", "b"], environment: ["BULLPEN_REDIS_URL=redis://127.0.0.1:1"])
        #expect(flagWins.code == 0, "\(flagWins)")
        #expect(try await world.queue().counts().waiting == 2)
    }

    @Test func unreachableRedisIsATemporaryFailure() async throws {
        let world = try CLIWorld()
        let started = ContinuousClock.now
        let result = try await world.run(["stats", "--redis", "redis://127.0.0.1:1"], connect: false)
        #expect(result.code == 75)
        #expect(result.stderr == "bullpen: fatal: unable to connect to redis at 127.0.0.1:1: Connection refused\n")
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test(arguments: [
        (["stats", "--redis", "http://localhost"], 64, "invalid redis URL"),
        (["stats", "--prefix", "a:b"], 64, "invalid key prefix \"a:b\""),
        (["stats", "--config", "missing.yaml"], 66, "unable to read topology file missing.yaml"),
    ] as [([String], Int32, String)])
    func badConnectionSettings(arguments: [String], code: Int32, message: String) async throws {
        let world = try CLIWorld()
        let result = try await world.run(arguments, connect: false)
        #expect(result.code == code, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
    }

    @Test func invalidTopologyIsAConfigError() async throws {
        let world = try CLIWorld()
        try world.write("etc/bullpen.yaml", "queues:\n  emails:\n    processes: many\n")
        let result = try await world.run(["stats"])
        #expect(result.code == 78, "\(result)")
        #expect(result.stderr.hasPrefix("etc/bullpen.yaml:3:16: queues.emails.processes:"), "\(result)")
        #expect(result.stderr.hasSuffix("bullpen: fatal: invalid topology file etc/bullpen.yaml (1 problem)\n"))
    }
}
