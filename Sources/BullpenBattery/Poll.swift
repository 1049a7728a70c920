/// Waiting for a condition by looking at it again and again: the battery observes other processes
/// (Redis, a supervisor, the ledger file), which offer nothing to await.
public enum Poll {
    /// Checks `condition` every `every` until it holds or `timeout` passes; whether it held.
    @discardableResult
    public static func until(
        timeout: Duration, every: Duration = .milliseconds(20), _ condition: () async throws -> Bool
    ) async rethrows -> Bool {
        let end = ContinuousClock.now + timeout
        while ContinuousClock.now < end {
            if try await condition() { return true }
            try? await Task.sleep(for: every)
        }
        return try await condition()
    }
}
