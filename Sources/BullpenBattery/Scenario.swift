/// How big a battery run is: the short form runs in the test suite, the long form by
/// `scripts/battery.sh` with the counts.
public enum BatteryScale: String, Sendable, CaseIterable {
    /// Counts scaled down so each scenario takes seconds (the test suite).
    case short
    /// The full counts (minutes per scenario).
    case long
}

/// One fault-injection scenario: it starts what it needs (Redis, a supervisor, workers), injects its
/// fault, measures, and reports its pass criteria. It stops everything it started, pass or fail.
public protocol Scenario: Sendable {
    /// The scenario's name on the command line (`worker-crashes`).
    var name: String { get }
    /// One line on what it proves.
    var summary: String { get }
    /// Runs the scenario at `scale` in `world` and reports.
    func run(in world: BatteryWorld, scale: BatteryScale) async throws -> ScenarioReport
}
