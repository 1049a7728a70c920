import Yams

/// One queue under `queues`.
extension TopologyDecoder {
    static let queueKeys = [
        "processes", "concurrency", "prefetch", "limiter", "lease", "stalled_interval", "max_stalled", "max_crashes",
        "stop_timeout", "max_jobs_per_process", "max_memory", "max_payload", "dead_letter", "handler",
        "defaults", "schedules",
    ]

    /// Reads the queue of `entry`; nil when its name is invalid (after reporting it).
    mutating func decodeQueue(_ entry: MappingFields.Entry, in parent: SettingPath) -> QueueTopology? {
        let path = parent.child(entry.key)
        guard checkName(entry.key, "queue name", path, at: entry.keyNode) else { return nil }
        var queue = QueueTopology(name: entry.key)
        let misplaced = Dictionary(uniqueKeysWithValues: Self.jobDefaultKeys.map { ($0, "defaults") })
        guard let fields = fields(entry.value, path, allowed: Self.queueKeys, misplaced: misplaced) else {
            return queue
        }
        queue.processes = int(fields, "processes", 0...64) ?? queue.processes
        queue.concurrency = int(fields, "concurrency", 1...1_000) ?? queue.concurrency
        queue.prefetch = int(fields, "prefetch", 0...1_000)
        if let node = fields.value("limiter") {
            queue.limiter = decodeLimiter(node, path.child("limiter"))
        }
        queue.lease = duration(fields, "lease", atLeast: .seconds(1)) ?? queue.lease
        queue.stalledInterval = duration(fields, "stalled_interval", atLeast: .seconds(1)) ?? queue.stalledInterval
        queue.maxStalled = int(fields, "max_stalled", 0...1_000) ?? queue.maxStalled
        queue.maxCrashes = int(fields, "max_crashes", 1...1_000) ?? queue.maxCrashes
        queue.stopTimeout = duration(fields, "stop_timeout")
        queue.maxJobsPerProcess = int(fields, "max_jobs_per_process", 1...Int(Int32.max))
        queue.maxMemory = size(fields, "max_memory", 1_048_576...Int64.max)
        queue.maxPayload = size(fields, "max_payload", 1...536_870_912) ?? queue.maxPayload
        if let node = fields.value("dead_letter"),
           let deadLetter = self.fields(node, path.child("dead_letter"), allowed: ["enabled", "max_len"]) {
            queue.deadLetter.enabled = bool(deadLetter, "enabled") ?? queue.deadLetter.enabled
            queue.deadLetter.maxLength = int(deadLetter, "max_len", 1...Int(Int32.max)) ?? queue.deadLetter.maxLength
        }
        if let node = fields.value("handler") {
            queue.handler = decodeExecHandler(node, path.child("handler"))
        }
        if let node = fields.value("defaults") {
            queue.defaults = decodeJobDefaults(node, path.child("defaults"))
        }
        if let node = fields.value("schedules"), let schedules = self.fields(node, path.child("schedules"), allowed: nil) {
            queue.schedules = schedules.entries.compactMap { decodeSchedule($0, in: schedules.path) }
        }
        return queue
    }

    private mutating func decodeLimiter(_ node: Node, _ path: SettingPath) -> LimiterSetting? {
        guard let fields = fields(node, path, allowed: ["max", "duration"]) else { return nil }
        requireKey("max", in: fields, "jobs per duration")
        requireKey("duration", in: fields, "the window, such as 60s")
        let max = int(fields, "max", 1...1_000_000_000)
        let duration = duration(fields, "duration", atLeast: .milliseconds(1))
        guard let max, let duration else { return nil }
        return LimiterSetting(max: max, duration: duration)
    }

    private mutating func decodeExecHandler(_ node: Node, _ path: SettingPath) -> ExecHandlerSetting? {
        guard let fields = fields(node, path, allowed: ["exec", "timeout", "max_output"]) else { return nil }
        requireKey("exec", in: fields, "the command to run, such as [/usr/local/bin/transcode-job]")
        var handler = ExecHandlerSetting(argv: [])
        if let exec = fields.value("exec") {
            let execPath = path.child("exec")
            if case .sequence(let sequence) = exec {
                handler.argv = sequence.enumerated().compactMap { string($1, execPath.element($0), anyScalar: true) }
                if sequence.isEmpty {
                    report(.invalidValue, execPath, at: exec, "the command is an empty list (expected the program and its arguments)")
                } else if handler.argv.first?.isEmpty == true {
                    report(.invalidValue, execPath.element(0), at: sequence[sequence.startIndex], "the program is empty")
                }
            } else {
                report(.wrongType, execPath, at: exec, "expected a list such as [/usr/local/bin/job, --fast], got \(describe(exec))")
            }
        }
        handler.timeout = duration(fields, "timeout", atLeast: .milliseconds(1))
        handler.maxOutput = size(fields, "max_output", 1...1_073_741_824) ?? handler.maxOutput
        return handler.argv.isEmpty ? nil : handler
    }
}
