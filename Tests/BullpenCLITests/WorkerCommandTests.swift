import Testing

/// `bullpen worker` refuses bad settings before it connects or looks for a handler.
@Suite struct WorkerCommandTests {
    @Test(arguments: [
        (["--concurrency", "0"], "invalid --concurrency 0 (expected 1 to 1000)"),
        (["--prefetch", "5000"], "invalid --prefetch 5000 (expected 0 to 1000)"),
        (["--prefetch=-1"], "invalid --prefetch -1 (expected 0 to 1000)"),
    ])
    func rejectsBadSettingsWithTheUsageCode(arguments: [String], message: String) async throws {
        let world = try CLIWorld()
        let result = try await world.run(["worker", "--queue", "q"] + arguments)
        #expect(result.code == 64, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
    }
}
