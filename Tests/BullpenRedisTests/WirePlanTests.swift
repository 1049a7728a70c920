@testable import BullpenRedis
import Testing

/// How a pipeline's script calls travel: calls of a batch script with the same keys and shared arguments
/// that are alone in their caller's entry go as one EVALSHA; everything else goes alone, in order.
@Suite struct WirePlanTests {
    let batch = RedisScript(name: "batch", source: "return 1")
    let single = RedisScript(name: "single", source: "return 2")

    func batched(_ keys: [String], _ shared: String, _ own: [String]) -> RedisScriptCall {
        RedisScriptCall(batch, keys: keys, arguments: [shared] + own, sharedArguments: 1)
    }

    @Test func batchCallsOfOneIdentityTravelTogether() {
        let plan = WirePlan([
            [batched(["k"], "s", ["a", "b"])], [RedisScriptCall(single, keys: ["k"], arguments: ["x"])],
            [batched(["k"], "s", ["c"])], [batched(["k"], "other", ["d"])], [batched(["j"], "s", ["e"])],
        ])
        #expect(plan.commands == [
            ["EVALSHA", batch.sha1, "1", "k", "s", "2", "a", "b", "1", "c"],
            ["EVALSHA", single.sha1, "1", "k", "x"],
            ["EVALSHA", batch.sha1, "1", "k", "other", "1", "d"],
            ["EVALSHA", batch.sha1, "1", "j", "s", "1", "e"],
        ])
        // Replies come back per command; each call gets its own, in the calls' order.
        let replies = plan.split([
            .array([.integer(1), .integer(3)]), .integer(2), .array([.integer(4)]), .error("ERR boom"),
        ])
        #expect(replies == [.integer(1), .integer(2), .integer(3), .integer(4), .error("ERR boom")])
    }

    @Test func aCallersSeveralCallsKeepTheirOrder() {
        let plan = WirePlan([[batched(["k"], "s", ["a"]), RedisScriptCall(single, keys: ["k"], arguments: []), batched(["k"], "s", ["b"])]])
        #expect(plan.commands.count == 3)
        #expect(plan.commands[2] == ["EVALSHA", batch.sha1, "1", "k", "s", "1", "b"])
    }
}
