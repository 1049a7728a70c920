import Foundation

/// The fault-injection battery: every scenario, and how to run some of them.
public enum Battery {
    /// Every scenario, in the order.
    public static let scenarios: [any Scenario] = [
        WorkerCrashes(),
        RedisRestarts(),
        HungWorker(),
        Drain(),
        SupervisorKilled(),
        PoisonJob(),
        CrashLoop(),
        BadInput(),
        Scale(),
    ]

    /// The scenario named `name`, or nil.
    public static func scenario(named name: String) -> (any Scenario)? {
        scenarios.first { $0.name == name }
    }

    /// Runs one scenario in a world of its own and tears the world down (keeping its folder when the
    /// scenario failed or threw, for the logs). An error of the battery itself becomes a failed report.
    public static func run(_ scenario: any Scenario, scale: BatteryScale, app: String) async -> ScenarioReport {
        let world: BatteryWorld
        do {
            world = try BatteryWorld(scenario: scenario.name, app: app)
        } catch {
            var report = ScenarioReport(scenario: scenario.name)
            report.check("the battery could set up", false, "\(error)")
            return report
        }
        var report: ScenarioReport
        do {
            report = try await scenario.run(in: world, scale: scale)
        } catch {
            report = ScenarioReport(scenario: scenario.name)
            report.check("the scenario ran to its end", false, "\(error)")
        }
        if !report.passed { report.figure("logs kept in", world.directory) }
        await world.tearDown(keepFolder: !report.passed)
        return report
    }

    /// The battery app's path: `BULLPEN_BATTERY_APP`, else `bullpen-battery-app` next to `binary` or in
    /// one of the folders above it (a test bundle sits a few levels below the build folder).
    public static func locateApp(near binary: String) throws -> String {
        if let given = ProcessInfo.processInfo.environment["BULLPEN_BATTERY_APP"] { return given }
        var folder = URL(fileURLWithPath: binary).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("bullpen-battery-app").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw BatteryError(.setup, "bullpen-battery-app was not found near \(binary): build it (swift build --product bullpen-battery-app) or set BULLPEN_BATTERY_APP")
    }

    /// The path of the running executable.
    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
