extension RedisConnection {
    /// Runs a script with EVALSHA; when the server does not know it (`NOSCRIPT`, after a restart or
    /// `SCRIPT FLUSH`), loads it and calls again. Error replies are returned, not thrown.
    public func run(_ call: RedisScriptCall) throws(RedisError) -> RedisReply {
        try runAll([call])[0]
    }

    /// Runs several script calls in one pipeline, in order; the ones answered with `NOSCRIPT` did not run,
    /// so they are loaded and run again (in order) before returning.
    public func runAll(_ calls: [RedisScriptCall]) throws(RedisError) -> [RedisReply] {
        // One caller's calls: each travels alone (see WirePlan), so they run in the order given.
        let plan = WirePlan([calls])
        try write(plan.commands)
        return plan.split(try rerunUnknownScripts(plan, replies: try readReplies(plan.commands.count)))
    }

    /// Sends `command` and, in the same write, the script call right behind it: Redis runs the call the
    /// moment the command is done, so a blocking command (BZPOPMIN) and the work it waits for cost one
    /// round trip. `timeout` is the socket timeout, as for `send`. A call answered `NOSCRIPT` is loaded
    /// and run again (it did not run).
    public func send(_ command: [String], thenRun call: RedisScriptCall, timeout: Double? = nil) throws(RedisError) -> (RedisReply, RedisReply) {
        let replies = try withTimeout(timeout) { () throws(RedisError) in
            try pipeline([command, call.evalsha])
        }
        guard replies[1].errorMessage?.hasPrefix("NOSCRIPT") == true else { return (replies[0], replies[1]) }
        try load(call.script)
        return (replies[0], try send(call.evalsha))
    }

    /// The replies of a plan's commands once those answered with `NOSCRIPT` (they did not run) ran after
    /// loading their scripts. Call it with nothing else in flight on the connection.
    func rerunUnknownScripts(_ plan: WirePlan, replies: [RedisReply]) throws(RedisError) -> [RedisReply] {
        var replies = replies
        let missing = replies.indices.filter { replies[$0].errorMessage?.hasPrefix("NOSCRIPT") == true }
        guard !missing.isEmpty else { return replies }
        var loaded: Set<String> = []
        for index in missing {
            let script = plan.calls(of: index)[0].script
            if loaded.insert(script.sha1).inserted { try load(script) }
        }
        let again = try pipeline(missing.map { plan.commands[$0] })
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
