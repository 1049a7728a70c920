import Yams

/// The top level of the file: Redis, prefix, stop timeout, restart policy and the queues.
extension TopologyDecoder {
    static let topologyKeys = ["redis", "embedded_redis", "prefix", "stop_timeout", "restart", "queues"]

    /// Reads the whole file; problems are in ``issues``.
    mutating func decodeTopology() -> Topology {
        var topology = Topology()
        guard let root = document.root else {
            report(.missingKey, SettingPath.root.child("queues"), at: nil, "missing queues (the file is empty)")
            return topology
        }
        guard let fields = fields(
            root, .root, allowed: Self.topologyKeys, misplaced: misplacedTopLevelKeys, extensions: true
        ) else {
            return topology
        }
        if let node = fields.value("redis"), let text = string(node, fields.path.child("redis")) {
            do {
                topology.redis = try RedisEndpoint.parse(text)
            } catch {
                report(.invalidValue, fields.path.child("redis"), at: node, error.message)
            }
        }
        if let node = fields.value("embedded_redis"),
           let embedded = self.fields(node, fields.path.child("embedded_redis"), allowed: ["dir", "port"]) {
            topology.embeddedRedis.dir = string(embedded, "dir") ?? topology.embeddedRedis.dir
            topology.embeddedRedis.port = int(embedded, "port", 0...65_535) ?? topology.embeddedRedis.port
        }
        if let node = fields.value("prefix"), let prefix = string(node, fields.path.child("prefix")),
           checkName(prefix, "prefix", fields.path.child("prefix"), at: node) {
            topology.prefix = prefix
        }
        topology.stopTimeout = duration(fields, "stop_timeout") ?? topology.stopTimeout
        if let node = fields.value("restart") {
            topology.restart = decodeRestartPolicy(node, fields.path.child("restart"))
        }
        if fields.entry("queues") == nil {
            report(.missingKey, SettingPath.root.child("queues"), at: root, "missing queues (the queues to run)")
        } else if let node = fields.value("queues"), let queues = self.fields(node, fields.path.child("queues"), allowed: nil) {
            topology.queues = queues.entries.compactMap { decodeQueue($0, in: queues.path) }
        }
        return topology
    }

    /// Queue settings written at the top level by mistake.
    private var misplacedTopLevelKeys: [String: String] {
        Dictionary(uniqueKeysWithValues: Self.queueKeys.map { ($0, "queues.<name>") })
            .merging(["dir": "embedded_redis", "port": "embedded_redis"]) { $1 }
    }

    private mutating func decodeRestartPolicy(_ node: Node, _ path: SettingPath) -> RestartPolicy {
        var policy = RestartPolicy()
        let keys = ["backoff_start", "backoff_max", "fatal_after", "quick_death"]
        guard let fields = fields(node, path, allowed: keys) else { return policy }
        policy.backoffStart = duration(fields, "backoff_start", atLeast: .milliseconds(1)) ?? policy.backoffStart
        policy.backoffMax = duration(fields, "backoff_max", atLeast: .milliseconds(1)) ?? policy.backoffMax
        policy.fatalAfter = int(fields, "fatal_after", 1...1_000) ?? policy.fatalAfter
        policy.quickDeath = duration(fields, "quick_death") ?? policy.quickDeath
        if policy.backoffMax < policy.backoffStart {
            report(.conflict, path.child("backoff_max"), at: fields.value("backoff_max") ?? node,
                   "backoff_max \(DurationText.format(policy.backoffMax)) is shorter than backoff_start \(DurationText.format(policy.backoffStart))")
        }
        return policy
    }
}
