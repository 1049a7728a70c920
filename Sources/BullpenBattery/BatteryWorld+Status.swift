import BullpenCore
import BullpenRedis
import Foundation

/// The slot table a supervisor publishes in Redis for `bullpen status`, as far as the battery reads it.
public struct PublishedSlot: Decodable, Sendable, Hashable {
    /// The slot's queue.
    public var queue: String
    /// The slot's index in its queue.
    public var index: Int
    /// `starting`, `running`, `backoff`, `stopping`, `exited` or `fatal`.
    public var state: String
    /// Restarts of the slot so far.
    public var restarts: Int
}

extension BatteryWorld {
    private struct Snapshot: Decodable {
        var pid: Int32
        var slots: [PublishedSlot]
    }

    /// The slots `supervisor` published last (`bullpen status` reads the same key); empty when it has
    /// published nothing yet.
    public func publishedSlots(of supervisor: SupervisorUnderTest) async throws -> [PublishedSlot] {
        let client = pool.client()
        let index = try await client.send(["ZRANGE", QueueKeys.supervisors(prefix: prefix), "0", "-1"], idempotent: true)
        // The key ends in `:<host>:<pid>`; the host is this machine's, so the pid picks the supervisor.
        guard let key = (index.array ?? []).compactMap(\.string).first(where: { $0.hasSuffix(":\(supervisor.pid)") }),
            let json = try await client.send(["GET", key], idempotent: true).string
        else { return [] }
        return try JSONDecoder().decode(Snapshot.self, from: Data(json.utf8)).slots
    }
}
