import BullpenRedis

/// Learns which script digests the queue sends (its scripts are internal to BullpenCore) by logging every
/// command in the server's slow log while `body` runs, then reading the EVALSHA entries back.
enum ScriptDigests {
    /// The distinct digests of the EVALSHA calls made during `body`, in order of first use (a call answered
    /// NOSCRIPT is logged too, before its script is loaded and called again).
    static func capture(_ admin: RedisClient, during body: () async throws -> Void) async throws -> [String] {
        let old = try await admin.send(["CONFIG", "GET", "slowlog-log-slower-than"]).array?.last?.string ?? "10000"
        _ = try await admin.send(["CONFIG", "SET", "slowlog-log-slower-than", "0"]).orThrow(command: "CONFIG SET")
        _ = try await admin.send(["SLOWLOG", "RESET"])
        do {
            try await body()
        } catch {
            _ = try? await admin.send(["CONFIG", "SET", "slowlog-log-slower-than", old])
            throw error
        }
        let log = try await admin.send(["SLOWLOG", "GET", "128"])
        _ = try await admin.send(["CONFIG", "SET", "slowlog-log-slower-than", old]).orThrow(command: "CONFIG SET")
        _ = try await admin.send(["SLOWLOG", "RESET"])
        // Entries come newest first: [id, time, duration, [arguments...], client address, client name].
        var digests: [String] = []
        for entry in (log.array ?? []).reversed() {
            guard let arguments = entry.array?[3].array, arguments.count > 1, arguments[0].string?.uppercased() == "EVALSHA",
                let digest = arguments[1].string, !digests.contains(digest)
            else { continue }
            digests.append(digest)
        }
        return digests
    }
}
