extension QueueTopology {
    /// The queue's settings as a render tree, optional settings left out when unset.
    func renderNode() -> RenderNode {
        var entries: [(key: String, value: RenderNode)] = [
            ("processes", .scalar(String(processes))),
            ("concurrency", .scalar(String(concurrency))),
        ]
        if let prefetch { entries.append(("prefetch", .scalar(String(prefetch)))) }
        if let limiter {
            entries.append(("limiter", .mapping([
                ("max", .scalar(String(limiter.max))), ("duration", .duration(limiter.duration)),
            ])))
        }
        entries += [
            ("lease", .duration(lease)),
            ("stalled_interval", .duration(stalledInterval)),
            ("max_stalled", .scalar(String(maxStalled))),
            ("max_crashes", .scalar(String(maxCrashes))),
        ]
        if let stopTimeout { entries.append(("stop_timeout", .duration(stopTimeout))) }
        if let maxJobsPerProcess { entries.append(("max_jobs_per_process", .scalar(String(maxJobsPerProcess)))) }
        if let maxMemory { entries.append(("max_memory", .size(maxMemory))) }
        entries.append(("max_payload", .size(maxPayload)))
        entries.append(("dead_letter", .mapping([
            ("enabled", .scalar(String(deadLetter.enabled))), ("max_len", .scalar(String(deadLetter.maxLength))),
        ])))
        if let handler {
            var handlerEntries: [(key: String, value: RenderNode)] = [("exec", .list(handler.argv))]
            if let timeout = handler.timeout { handlerEntries.append(("timeout", .duration(timeout))) }
            handlerEntries.append(("max_output", .size(handler.maxOutput)))
            entries.append(("handler", .mapping(handlerEntries)))
        }
        entries.append(("defaults", defaults.renderNode()))
        if !schedules.isEmpty {
            entries.append(("schedules", .mapping(schedules.map { ($0.id, $0.renderNode()) })))
        }
        return .mapping(entries)
    }
}
