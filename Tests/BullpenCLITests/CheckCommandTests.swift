import BullpenTopology
import Foundation
import Testing

@Suite struct CheckCommandTests {
    @Test func aGoodFilePrintsTheRenderedTopology() async throws {
        let world = try CLIWorld()
        let path = try world.write("etc/bullpen.yaml", """
            redis: redis://user:secret@db.internal:6379/2
            queues:
              emails: { processes: 2, concurrency: 10, defaults: { attempts: 5 } }

            """)
        let result = try await world.run(["check"], connect: false)
        #expect(result.code == 0, "\(result)")
        #expect(result.stdout == (try Topology.load(path: path)).render())
        #expect(result.stdout.contains("user:***@db.internal:6379/2") && !result.stdout.contains("secret"))
        #expect(result.stderr == "")
    }

    @Test func everyIssueIsPrintedWithLineAndColumn() async throws {
        let world = try CLIWorld()
        try world.write("bad.yaml", """
            redis: embedded
            queues:
              emails:
                processes: 1
                concurency: 3
                max_memory: 512Q

            """)
        let result = try await world.run(["check", "bad.yaml"], connect: false)
        #expect(result.code == 78)
        #expect(result.stdout == "")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(result)")
        #expect(lines[0].hasPrefix("bad.yaml:5:5: queues.emails.concurency: unknown key"))
        #expect(lines[1].hasPrefix("bad.yaml:6:17: queues.emails.max_memory: invalid size \"512Q\""))
        #expect(lines[2] == "bullpen: fatal: invalid topology file bad.yaml (2 problems)")
    }

    @Test func aSyntaxErrorHasAPosition() async throws {
        let world = try CLIWorld()
        try world.write("broken.yaml", "queues:\n  emails: [unclosed\n")
        let result = try await world.run(["check", "broken.yaml"], connect: false)
        #expect(result.code == 78)
        #expect(result.stderr.contains(#/broken\.yaml:\d+:\d+: /#), "\(result)")
    }

    @Test func aMissingFileIsNoInput() async throws {
        let world = try CLIWorld()
        let result = try await world.run(["check", "nope.yaml"], connect: false)
        #expect(result.code == 66)
        #expect(result.stderr.hasSuffix("bullpen: fatal: unable to read topology file nope.yaml\n"), "\(result)")
    }
}
