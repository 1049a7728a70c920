/// A Lua script, identified by its SHA-1 digest so it can be called with EVALSHA.
public struct RedisScript: Sendable, Hashable {
    /// A short name for messages (the script's file name).
    public let name: String
    /// The Lua source.
    public let source: String
    /// The SHA-1 digest Redis knows the script by.
    public let sha1: String

    /// Creates a script from its source.
    public init(name: String, source: String) {
        self.name = name
        self.source = source
        self.sha1 = SHA1.hex(source)
    }
}

/// One call of a script: the script, its KEYS and its ARGV.
public struct RedisScriptCall: Sendable, Hashable {
    /// The script to run.
    public var script: RedisScript
    /// The keys the script touches (every one, so that Redis Cluster can route the call).
    public var keys: [String]
    /// The script's arguments.
    public var arguments: [String]

    /// For a script that handles a batch of calls: how many leading arguments all calls of the batch share.
    /// Calls of it with the same keys and shared arguments that leave in one pipeline travel as one
    /// EVALSHA (see `WirePlan`). nil for a script that takes one call.
    public var sharedArguments: Int?

    /// Creates a call. `sharedArguments` marks a script that takes batches (see the property).
    public init(_ script: RedisScript, keys: [String], arguments: [String], sharedArguments: Int? = nil) {
        self.script = script
        self.keys = keys
        self.arguments = arguments
        self.sharedArguments = sharedArguments
    }

    /// The call alone on the wire: a batch script gets a batch of one.
    var evalsha: [String] { Self.evalsha(of: [self]) }

    /// One EVALSHA for `calls` (one call, or calls of one batch script with the same keys and shared
    /// arguments): `shared..., n1, args1..., n2, args2...` for a batch script.
    static func evalsha(of calls: [RedisScriptCall]) -> [String] {
        let first = calls[0]
        var command = ["EVALSHA", first.script.sha1, String(first.keys.count)] + first.keys
        guard let shared = first.sharedArguments else { return command + first.arguments }
        command += first.arguments.prefix(shared)
        for call in calls {
            command.append(String(call.arguments.count - shared))
            command += call.arguments.dropFirst(shared)
        }
        return command
    }

    /// Whether this call and `other` may travel as one EVALSHA: calls of one batch script with the same
    /// keys and shared arguments. (A queue's calls share one keys array, which compares at once.)
    func travels(with other: RedisScriptCall) -> Bool {
        guard let shared = sharedArguments, other.sharedArguments == shared else { return false }
        return script.sha1 == other.script.sha1 && keys == other.keys
            && arguments.prefix(shared).elementsEqual(other.arguments.prefix(shared))
    }
}
