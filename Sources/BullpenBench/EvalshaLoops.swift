import BullpenRedis

/// Client-overhead references: EVALSHA of the one-line script in a tight loop on one connection, without
/// any queue logic, once on a bare `RedisConnection` (synchronous, on a thread of its own) and through a
/// `RedisClient` (the actor the queue uses): from a task on the global pool (a hop to the client's thread
/// and back per call), and from a task on the client's thread (`onConnectionThread`, no hop).
struct EvalshaLoops: Sendable {
    let target: BenchTarget
    let admin: RedisClient
    let sha: String
    let calls: Int

    var command: [String] { ["EVALSHA", sha, "1", "bench:counter"] }

    func connection() async throws -> Sample {
        let before = try await ServerStats.read(admin)
        let (configuration, command, calls) = (target.configuration, command, calls)
        let elapsed = try await OwnThread.run { () throws -> (wall: Double, cpu: Double) in
            let connection = try RedisConnection(configuration)
            _ = try connection.send(command)
            let start = ProcessClock.now()
            for _ in 0..<calls {
                guard case .integer = try connection.send(command) else { throw BenchError(.redis, "EVALSHA answered no integer") }
            }
            return ProcessClock.now().since(start)
        }
        let after = try await ServerStats.read(admin)
        // The warm-up call ran between the two INFO reads: one call more than measured.
        return Sample(operations: calls, elapsed: elapsed, server: after.cost(since: before, operations: calls + 1))
    }

    /// Through a `RedisClient`, from a task on the global pool or (`onConnectionThread`) on the client's
    /// thread.
    func client(onConnectionThread: Bool = false) async throws -> Sample {
        let client = RedisClient(target.configuration)
        _ = try await client.send(command)
        let before = try await ServerStats.read(admin)
        let start = ProcessClock.now()
        let (command, calls) = (command, calls)
        let loop = { () async throws -> Void in
            for _ in 0..<calls {
                guard case .integer = try await client.send(command) else { throw BenchError(.redis, "EVALSHA answered no integer") }
            }
        }
        if onConnectionThread { try await client.onConnectionThread(loop) } else { try await loop() }
        let elapsed = ProcessClock.now().since(start)
        let after = try await ServerStats.read(admin)
        await client.close()
        return Sample(operations: calls, elapsed: elapsed, server: after.cost(since: before, operations: calls))
    }
}
