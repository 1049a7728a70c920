@testable import BullpenCore
import BullpenRedis
import Testing

/// Scripts are built from their own text and the library definitions they use (EmbedLua's LibraryShaker):
/// Redis runs a script's whole text on every call, so an unused helper costs a closure per call. Every
/// script test shows that nothing a script needs is missing; this shows that the rest is left out.
@Suite struct EmbeddedScriptTests {
    /// The `local function` names a script's text defines.
    func helpers(_ script: RedisScript) -> Set<String> {
        let source = script.source
        return Set(source.split(separator: "\n").compactMap { line in
            line.hasPrefix("local function ") ? String(line.dropFirst("local function ".count).prefix { $0 != "(" }) : nil
        })
    }

    @Test func eachScriptKeepsTheHelpersItUsesAndNoOthers() {
        let add = helpers(QueueScripts.add)
        #expect(add.isSuperset(of: ["nowMs", "emit", "callInChunks", "wake"]))
        #expect(add.isDisjoint(with: ["takeMany", "failForGood", "decodeRecord", "retain", "recordJSON"]))
        // finish takes the next job too: the take helpers come with it, through takeMany.
        #expect(helpers(QueueScripts.finish).isSuperset(of: ["takeMany", "promoteDue", "failForGood", "retain", "endLease", "parseLease"]))
        #expect(helpers(QueueScripts.take).isDisjoint(with: ["failForGood", "retain", "endLease", "requeueFresh"]))
        #expect(helpers(QueueScripts.finish).isDisjoint(with: ["recordJSON", "withLease", "forSelection", "leaseOfJob"]))
        #expect(helpers(QueueScripts.get) == ["decodeRecord", "parseLease", "leaseOfJob", "withLease", "recordJSON", "dataField", "loadData"])
    }

    /// The key table and the settings table are inlined (EmbedLua's TableInliner): building them cost
    /// each call more than a `redis.call`.
    @Test func theKeyAndSettingsTablesAreInlined() throws {
        for script in [QueueScripts.add, QueueScripts.take, QueueScripts.finish, QueueScripts.get] {
            let code = script.source.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
            #expect(!code.contains("local K =") && !code.contains("local Q ="), "\(script.name)")
            #expect(!code.contains("K.") && !code.contains("Q."), "\(script.name)")
            #expect(!script.source.contains("@inline"), "\(script.name)")
        }
        let emit = try #require(QueueScripts.add.source.split(separator: "\n").first { $0.contains("redis.call('XADD', KEYS[11]") && $0.contains("'added'") })
        #expect(emit.contains("'event'"))
        #expect(QueueScripts.add.source.contains("(tonumber(ARGV[1]))"))
    }
}
