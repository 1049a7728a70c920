import BullpenBattery
import Foundation
import Testing

/// The short form of every scenario of the fault-injection battery (`bullpen-battery --long` runs the
/// long form). Each test fails when one of its scenario's pass criteria is missed, and prints the report.
/// The scenarios run one at a time: they kill processes and measure times.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct BatteryTests {
    @Test(arguments: Battery.scenarios.map(\.name))
    func scenario(_ name: String) async throws {
        let scenario = try #require(Battery.scenario(named: name))
        let report = await Battery.run(scenario, scale: .short, app: try setup())
        print(report.text)
        for criterion in report.criteria {
            #expect(criterion.passed, "\(name): \(criterion.name): \(criterion.observed)")
        }
        #expect(report.passed, "\(report.text)")
    }

    /// The battery app built next to this test binary.
    private func setup() throws -> String {
        try Battery.locateApp(near: Battery.currentExecutable)
    }
}
