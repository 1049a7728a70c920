import ArgumentParser
import BullpenTopology

/// `bullpen check [FILE]`: validates a topology file and prints what would run.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a topology file and print it with every default spelled out.",
        discussion: """
            On success prints the topology as it would run (passwords shown as ***) and exits 0. \
            Otherwise prints every problem on standard error, one a line as FILE:LINE:COLUMN: KEY: \
            PROBLEM, and exits 78 (66 when the file cannot be read). Redis is not contacted.

            Examples:
              bullpen check
              bullpen check etc/bullpen.yaml
            """)

    @Argument(help: "The topology file (default etc/bullpen.yaml).")
    var file = ConnectionOptions.defaultConfigPath

    func run() async throws {
        let topology: Topology
        do {
            topology = try Topology.load(path: file)
        } catch {
            throw CLIError(error, file: file)
        }
        print(topology.render(), terminator: "")
    }
}
