/// What one scenario measured, and which of its pass criteria held.
public struct ScenarioReport: Sendable {
    /// One pass criterion and whether it held.
    public struct Criterion: Sendable, Hashable {
        /// The criterion, as the issue states it (`0 jobs lost`).
        public var name: String
        /// Whether it held.
        public var passed: Bool
        /// What was observed (`lost 0 of 2000`).
        public var observed: String
    }

    /// The scenario's name.
    public var scenario: String
    /// The figures measured, in order: label and value.
    public private(set) var figures: [(label: String, value: String)] = []
    /// The pass criteria, in order.
    public private(set) var criteria: [Criterion] = []

    /// An empty report for `scenario`.
    public init(scenario: String) {
        self.scenario = scenario
    }

    /// True when every criterion held (and there was at least one).
    public var passed: Bool { !criteria.isEmpty && criteria.allSatisfy(\.passed) }

    /// Records a figure.
    public mutating func figure(_ label: String, _ value: String) {
        figures.append((label, value))
    }

    /// Records a figure.
    public mutating func figure(_ label: String, _ value: some Numeric & CustomStringConvertible) {
        figures.append((label, value.description))
    }

    /// Records a criterion.
    public mutating func check(_ name: String, _ passed: Bool, _ observed: String) {
        criteria.append(Criterion(name: name, passed: passed, observed: observed))
    }

    /// The report as text: the figures, then each criterion with PASS or FAIL.
    public var text: String {
        var lines = ["== \(scenario): \(passed ? "PASS" : "FAIL")"]
        for (label, value) in figures { lines.append("   \(label): \(value)") }
        for criterion in criteria {
            lines.append("   [\(criterion.passed ? "pass" : "FAIL")] \(criterion.name): \(criterion.observed)")
        }
        return lines.joined(separator: "\n")
    }
}
