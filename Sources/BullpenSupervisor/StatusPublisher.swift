/// Receives the supervisor's status: on every change of a slot's state or pid, and at least every
/// ``SupervisorTiming/statusInterval`` (a heartbeat that `bullpen status` can read from Redis).
///
/// Called synchronously on the loop; keep it short. A throw is logged (once per run of failures) and
/// the next status is published as usual: a status is a snapshot, so a lost one needs no retry.
public protocol StatusPublisher {
    /// Publishes one snapshot.
    func publish(_ status: SupervisorStatus) throws
}

/// The default publisher: publishes nothing.
public struct NoStatusPublisher: StatusPublisher, Sendable {
    /// Creates the no-op publisher.
    public init() {}

    /// Does nothing.
    public func publish(_ status: SupervisorStatus) {}
}
