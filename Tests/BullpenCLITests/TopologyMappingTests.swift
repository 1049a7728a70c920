import Bullpen
import BullpenCore
import BullpenTopology
import Foundation
import Testing

@Suite struct TopologyMappingTests {
    @Test(arguments: [
        ("redis: redis://h:6380/1", "/srv/app/etc/bullpen.yaml", "redis://h:6380/1"),
        ("redis: embedded", "/srv/app/etc/bullpen.yaml", "unix:///srv/app/etc/var/redis/redis.sock"),
        ("redis: embedded\nembedded_redis: { dir: ../data/redis/ }", "/srv/app/etc/bullpen.yaml", "unix:///srv/app/data/redis/redis.sock"),
        ("redis: embedded\nembedded_redis: { dir: /run/bullpen }", "/srv/app/etc/bullpen.yaml", "unix:///run/bullpen/redis.sock"),
    ])
    func urlFollowsTheConvention(yaml: String, configPath: String, url: String) throws {
        let topology = try Topology.parse(yaml: yaml + "\nqueues: { q: {} }\n", file: "t.yaml")
        #expect(TopologyConnection.url(for: topology, configPath: configPath) == url)
    }

    @Test func aRelativeConfigPathResolvesAgainstTheCurrentDirectory() throws {
        let topology = try Topology.parse(yaml: "redis: embedded\nqueues: { q: {} }\n", file: "t.yaml")
        let cwd = FileManager.default.currentDirectoryPath
        #expect(TopologyConnection.url(for: topology, configPath: "etc/bullpen.yaml") == "unix://\(cwd)/etc/var/redis/redis.sock")
    }

    @Test func jobDefaultsBecomeJobOptions() {
        let defaults = JobDefaults(
            attempts: 4, backoff: BackoffSetting(kind: .fixed, delay: .seconds(5), jitter: 0.25), priority: 9,
            delay: .milliseconds(1500), lifo: true, timeout: .seconds(30),
            removeOnComplete: .keepNone, removeOnFail: RetentionSetting(count: 10, age: .seconds(86_400)))
        #expect(JobOptions(defaults: defaults) == JobOptions(
            priority: 9, delay: .milliseconds(1500), attempts: 4, backoff: .fixed(.seconds(5), jitter: 0.25), lifo: true,
            removeOnComplete: .removeAll, removeOnFail: JobRetention(count: 10, age: .seconds(86_400)), timeout: .seconds(30)))
        let plain = JobOptions(defaults: JobDefaults())
        #expect(plain.attempts == 1 && plain.backoff == nil && plain.priority == nil && plain.timeout == nil)
        #expect(plain.removeOnComplete == .keepAll && plain.removeOnFail == .keepAll)
    }

    @Test func queueSettingsComeFromTheTopology() throws {
        let topology = try Topology.parse(yaml: """
            prefix: app
            queues:
              images:
                max_payload: 1MiB
                dead_letter: { enabled: false, max_len: 50 }
                defaults: { attempts: 3, backoff: exponential:2s }

            """, file: "t.yaml")
        let settings = QueueSettings(topology: topology, queue: try #require(topology.queue(named: "images")))
        #expect(settings.prefix == "app")
        #expect(settings.maxPayloadBytes == 1_048_576)
        #expect(!settings.deadLetter && settings.deadLetterMax == 50)
        #expect(settings.defaults.attempts == 3 && settings.defaults.backoff == .exponential(.seconds(2)))
    }
}
