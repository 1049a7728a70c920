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

    /// Creates a call.
    public init(_ script: RedisScript, keys: [String], arguments: [String]) {
        self.script = script
        self.keys = keys
        self.arguments = arguments
    }

    var evalsha: [String] { ["EVALSHA", script.sha1, String(keys.count)] + keys + arguments }
}
