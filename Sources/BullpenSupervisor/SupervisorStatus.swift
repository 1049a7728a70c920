import Glibc

/// A snapshot of the whole supervisor, for ``StatusPublisher`` and ``Supervisor/status``.
public struct SupervisorStatus: Sendable, Hashable {
    /// Where the supervisor is in its life.
    public enum Phase: String, Sendable, Hashable, CustomStringConvertible {
        /// Waiting for the embedded Redis and the startup check; no worker spawned yet.
        case starting
        /// Keeping the slots running.
        case running
        /// Stopping every worker after SIGTERM or SIGINT.
        case draining
        /// Workers are gone; stopping the embedded Redis.
        case stopping

        /// The phase's name.
        public var description: String { rawValue }
    }

    /// The supervisor's pid.
    public var pid: pid_t
    /// The host's name.
    public var hostname: String
    /// Where the supervisor is in its life.
    public var phase: Phase
    /// The worker slots, queue by queue in topology order, then by index.
    public var slots: [SlotStatus]
    /// The embedded redis-server's slot, when the topology says `redis: embedded`.
    public var redis: SlotStatus?

    /// Creates a snapshot.
    public init(pid: pid_t, hostname: String, phase: Phase, slots: [SlotStatus], redis: SlotStatus?) {
        self.pid = pid
        self.hostname = hostname
        self.phase = phase
        self.slots = slots
        self.redis = redis
    }

    /// The number of worker slots in `state`.
    public func count(_ state: SlotState) -> Int {
        slots.count { $0.state == state }
    }

    /// `3 running, 1 starting, 1 backoff, 0 fatal` (plus `, 2 stopping` when some are): the systemd
    /// `STATUS=` line.
    public var summary: String {
        var parts = ["\(count(.running)) running"]
        if count(.starting) > 0 { parts.append("\(count(.starting)) starting") }
        parts.append("\(count(.backoff)) backoff")
        parts.append("\(count(.fatal)) fatal")
        let stopping = slots.reduce(0) { $0 + $1.retiringPIDs.count }
        if stopping > 0 { parts.append("\(stopping) stopping") }
        return parts.joined(separator: ", ")
    }
}
