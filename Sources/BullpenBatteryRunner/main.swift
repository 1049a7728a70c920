import BullpenBattery
import Foundation

// `bullpen-battery [--long] [SCENARIO...]`: runs the fault-injection battery (every scenario, or the ones
// named) against its own Redis and supervisors, prints each scenario's figures and criteria, and exits 1
// when a criterion failed (64 on a bad command line).
let usage = """
    usage: bullpen-battery [--short | --long] [SCENARIO...]
      --short   the counts of the test suite (seconds per scenario; the default)
      --long    the full counts (minutes per scenario)
    scenarios:
    \(Battery.scenarios.map { "  \($0.name.padding(toLength: 18, withPad: " ", startingAt: 0)) \($0.summary)" }.joined(separator: "\n"))
    """

var scale = BatteryScale.short
var selected: [any Scenario] = []
for argument in CommandLine.arguments.dropFirst() {
    switch argument {
    case "--long": scale = .long
    case "--short": scale = .short
    case "-h", "--help":
        print(usage)
        exit(0)
    default:
        guard let scenario = Battery.scenario(named: argument) else {
            FileHandle.standardError.write(Data("bullpen-battery: unknown scenario \"\(argument)\"\n\(usage)\n".utf8))
            exit(64)
        }
        selected.append(scenario)
    }
}
if selected.isEmpty { selected = Battery.scenarios }

let app: String
do {
    app = try Battery.locateApp(near: Battery.currentExecutable)
} catch {
    FileHandle.standardError.write(Data("bullpen-battery: fatal: \(error)\n".utf8))
    exit(78)
}
var failed: [String] = []
for scenario in selected {
    print("-- \(scenario.name) (\(scale.rawValue)): \(scenario.summary)")
    let report = await Battery.run(scenario, scale: scale, app: app)
    print(report.text)
    if !report.passed { failed.append(scenario.name) }
}
print(failed.isEmpty ? "battery: all \(selected.count) scenarios passed" : "battery: FAILED: \(failed.joined(separator: ", "))")
exit(failed.isEmpty ? 0 : 1)
