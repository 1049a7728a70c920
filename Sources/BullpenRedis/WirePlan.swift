/// How a pipeline's script calls travel: each call alone, except the calls of a batch script
/// (`RedisScriptCall.sharedArguments`) with the same keys and shared arguments, which travel as one
/// EVALSHA whose reply holds one reply per call. A worker's slots that finish a job and take the next at
/// once then cost the server one script run, one KEYS and one ARGV table for all of them.
///
/// Only calls that are alone in their entry are merged, so the calls of one caller keep their order.
struct WirePlan {
    /// The EVALSHA commands to send, in order.
    private(set) var commands: [[String]] = []
    /// For each command, the calls it carries (indexes into the flat list of calls), and whether it is a
    /// batch (its reply is an array of replies).
    private(set) var carried: [(calls: [Int], batch: Bool)] = []
    private let calls: [RedisScriptCall]

    /// Plans `groups` of calls (one group per caller, in order).
    init(_ groups: [[RedisScriptCall]]) {
        calls = groups.flatMap { $0 }
        // The batches open so far, as indexes into `carried`: a pipeline holds one or two (a scan of them
        // costs less than hashing every call's keys).
        var batches: [Int] = []
        var index = 0
        for group in groups {
            for call in group {
                if group.count == 1, call.sharedArguments != nil {
                    if let at = batches.first(where: { call.travels(with: calls[carried[$0].calls[0]]) }) {
                        carried[at].calls.append(index)
                    } else {
                        batches.append(carried.count)
                        carried.append(([index], true))
                    }
                } else {
                    carried.append(([index], call.sharedArguments != nil))
                }
                index += 1
            }
        }
        commands = carried.map { RedisScriptCall.evalsha(of: $0.calls.map { calls[$0] }) }
    }

    /// The calls one command carries.
    func calls(of command: Int) -> [RedisScriptCall] { carried[command].calls.map { calls[$0] } }

    /// The reply of every call, in the calls' order, from the replies of the commands. A batch that failed
    /// as a whole (an error reply) gives each of its calls that error.
    func split(_ replies: [RedisReply]) -> [RedisReply] {
        var result = [RedisReply](repeating: .null, count: calls.count)
        for (command, reply) in zip(carried, replies) {
            guard command.batch else {
                result[command.calls[0]] = reply
                continue
            }
            let parts = reply.array ?? []
            for (position, call) in command.calls.enumerated() {
                result[call] = parts.count == command.calls.count ? parts[position] : reply
            }
        }
        return result
    }
}
