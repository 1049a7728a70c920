extension Topology {
    /// The topology that would run, as YAML with every default spelled out (for `bullpen check FILE`).
    ///
    /// Optional settings that are not set (a limiter, a handler, a priority) are left out. Parsing the
    /// output gives back an equal topology.
    ///
    /// - Parameter showSecrets: Print a Redis URL's password instead of `***`. Off by default, since the
    ///   output tends to end up in logs; turn it on to write a file that will be read back.
    public func render(showSecrets: Bool = false) -> String {
        renderNode(showSecrets: showSecrets).lines().joined(separator: "\n") + "\n"
    }

    /// The top-level settings and the queues as a render tree.
    func renderNode(showSecrets: Bool = false) -> RenderNode {
        var queueEntries: [(key: String, value: RenderNode)] = []
        for queue in queues {
            queueEntries.append((queue.name, queue.renderNode()))
        }
        return .mapping(settingsEntries(showSecrets: showSecrets) + [("queues", .mapping(queueEntries))])
    }

    /// Everything but the queues.
    func settingsEntries(showSecrets: Bool = false) -> [(key: String, value: RenderNode)] {
        [
            ("redis", .text(showSecrets ? redis.description : redis.redacted)),
            ("embedded_redis", .mapping([
                ("dir", .text(embeddedRedis.dir)),
                ("port", .scalar(String(embeddedRedis.port))),
            ])),
            ("prefix", .text(prefix)),
            ("stop_timeout", .duration(stopTimeout)),
            ("restart", .mapping([
                ("backoff_start", .duration(restart.backoffStart)),
                ("backoff_max", .duration(restart.backoffMax)),
                ("fatal_after", .scalar(String(restart.fatalAfter))),
                ("quick_death", .duration(restart.quickDeath)),
            ])),
        ]
    }
}
