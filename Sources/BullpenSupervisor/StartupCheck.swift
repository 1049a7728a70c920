import BullpenTopology

/// Checks Redis once at start, after the embedded redis-server (if any) answers and before any worker
/// is spawned.
///
/// Returned strings are logged as warnings (`redis runs without persistence (appendonly no, save "")`,
/// `maxmemory-policy is allkeys-lru, not noeviction`); a thrown error is logged and makes the supervisor
/// exit with ``SupervisorExitCode/redisUnavailable`` (75).
public protocol StartupCheck {
    /// Checks the Redis at `redisURL` (the topology's URL, or `unix://…` of the embedded server);
    /// returns warnings, throws when Redis is unreachable.
    func check(topology: Topology, redisURL: String) throws -> [String]

    /// Called after a reload was applied, with the new topology (the Redis side follows it: repeatable
    /// jobs of the file). A throw is logged; the reload stands.
    func topologyReloaded(_ topology: Topology) throws
}

extension StartupCheck {
    /// By default a reload needs nothing from Redis.
    public func topologyReloaded(_ topology: Topology) throws {}
}

/// The default check: checks nothing.
public struct NoStartupCheck: StartupCheck, Sendable {
    /// Creates the no-op check.
    public init() {}

    /// Returns no warnings.
    public func check(topology: Topology, redisURL: String) -> [String] { [] }
}
