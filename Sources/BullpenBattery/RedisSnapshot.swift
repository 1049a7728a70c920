import BullpenRedis

/// Every key of a Redis database with its serialized value (`DUMP`), to show that something left Redis
/// unchanged: two snapshots are equal only when no key was added, removed or changed.
public struct RedisSnapshot: Sendable, Equatable {
    /// The serialized value of every key, by key.
    public let values: [String: [UInt8]]

    /// Reads every key of the database `client` is connected to.
    public init(client: RedisClient) async throws {
        var keys: [String] = []
        var cursor = "0"
        repeat {
            let reply = try await client.send(["SCAN", cursor, "COUNT", "1000"], idempotent: true)
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string else {
                throw BatteryError(.setup, "unexpected SCAN reply: \(reply)")
            }
            cursor = next
            keys += (parts[1].array ?? []).compactMap(\.string)
        } while cursor != "0"
        var values: [String: [UInt8]] = [:]
        for key in keys {
            if case .bulk(let bytes) = try await client.send(["DUMP", key], idempotent: true) { values[key] = bytes }
        }
        self.values = values
    }

    /// The keys that differ between two snapshots (added, removed or changed), sorted.
    public func changedKeys(from other: RedisSnapshot) -> [String] {
        Set(values.keys).union(other.values.keys).filter { values[$0] != other.values[$0] }.sorted()
    }
}
