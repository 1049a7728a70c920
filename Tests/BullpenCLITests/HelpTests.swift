import Testing

@Suite struct HelpTests {
    /// Every command explains itself with examples, and help is not an error.
    @Test(arguments: [
        [], ["add"], ["stats"], ["jobs"], ["job"], ["retry"], ["remove"], ["promote"], ["pause"], ["resume"],
        ["clean"], ["drain"], ["obliterate"], ["dead-letter"], ["dead-letter", "list"], ["dead-letter", "show"],
        ["dead-letter", "retry"], ["dead-letter", "purge"], ["check"],
    ])
    func helpHasExamples(command: [String]) async throws {
        let result = try await CLIWorld().run(command + ["--help"], connect: false)
        #expect(result.code == 0, "\(result)")
        #expect(result.stdout.contains("Examples:\n  bullpen \(command.first ?? "")"), "\(result)")
    }

    @Test func anUnknownCommandIsAUsageError() async throws {
        let result = try await CLIWorld().run(["frobnicate"], connect: false)
        #expect(result.code == 64)
        #expect(result.stderr.contains("frobnicate"))
    }
}
