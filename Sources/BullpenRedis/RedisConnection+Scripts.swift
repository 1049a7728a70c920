extension RedisConnection {
    /// Runs a script with EVALSHA; when the server does not know it (`NOSCRIPT`, after a restart or
    /// `SCRIPT FLUSH`), loads it and calls again. Error replies are returned, not thrown.
    public func run(_ call: RedisScriptCall) throws(RedisError) -> RedisReply {
        try runAll([call])[0]
    }

    /// Runs several script calls in one pipeline; the ones answered with `NOSCRIPT` did not run, so they are
    /// loaded and run again (in order) before returning.
    public func runAll(_ calls: [RedisScriptCall]) throws(RedisError) -> [RedisReply] {
        try write(calls.map(\.evalsha))
        return try rerunUnknownScripts(calls, replies: try readReplies(calls.count))
    }

    /// The replies of `calls` once those answered with `NOSCRIPT` (they did not run) ran after loading their
    /// scripts. Call it with nothing else in flight on the connection.
    public func rerunUnknownScripts(_ calls: [RedisScriptCall], replies: [RedisReply]) throws(RedisError) -> [RedisReply] {
        var replies = replies
        let missing = replies.indices.filter { replies[$0].errorMessage?.hasPrefix("NOSCRIPT") == true }
        guard !missing.isEmpty else { return replies }
        var loaded: Set<String> = []
        for index in missing where !loaded.contains(calls[index].script.sha1) {
            try load(calls[index].script)
            loaded.insert(calls[index].script.sha1)
        }
        let again = try pipeline(missing.map { calls[$0].evalsha })
        for (index, reply) in zip(missing, again) { replies[index] = reply }
        return replies
    }

    /// Loads a script into the server's script cache.
    public func load(_ script: RedisScript) throws(RedisError) {
        let reply = try send(["SCRIPT", "LOAD", script.source])
        if let text = reply.errorMessage {
            throw RedisError(.serverError, "unable to load script \(script.name): \(text)")
        }
    }
}
