import Yams

/// A queue's `defaults`: default job options, with backoff and retention.
extension TopologyDecoder {
    static let jobDefaultKeys = [
        "attempts", "backoff", "priority", "delay", "lifo", "timeout", "remove_on_complete", "remove_on_fail",
    ]

    mutating func decodeJobDefaults(_ node: Node, _ path: SettingPath) -> JobDefaults {
        var defaults = JobDefaults()
        guard let fields = fields(node, path, allowed: Self.jobDefaultKeys) else { return defaults }
        defaults.attempts = int(fields, "attempts", 1...1_000) ?? defaults.attempts
        if let node = fields.value("backoff") {
            defaults.backoff = decodeBackoff(node, path.child("backoff"))
        }
        defaults.priority = int(fields, "priority", 1...2_097_152)
        defaults.delay = duration(fields, "delay") ?? defaults.delay
        defaults.lifo = bool(fields, "lifo") ?? defaults.lifo
        defaults.timeout = duration(fields, "timeout", atLeast: .milliseconds(1))
        if let node = fields.value("remove_on_complete") {
            defaults.removeOnComplete = decodeRetention(node, path.child("remove_on_complete")) ?? defaults.removeOnComplete
        }
        if let node = fields.value("remove_on_fail") {
            defaults.removeOnFail = decodeRetention(node, path.child("remove_on_fail")) ?? defaults.removeOnFail
        }
        return defaults
    }

    /// `{ type: exponential, delay: 2s, jitter: 0.5 }`, or the shorthand `exponential:2s`.
    private mutating func decodeBackoff(_ node: Node, _ path: SettingPath) -> BackoffSetting? {
        let kinds = BackoffSetting.Kind.allCases.map(\.rawValue).joined(separator: " or ")
        if case .scalar(let scalar) = node {
            let parts = scalar.string.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let kind = BackoffSetting.Kind(rawValue: parts[0]) else {
                report(.invalidValue, path, at: node,
                       "invalid backoff \"\(scalar.string)\" (expected \(kinds) with a delay, such as exponential:2s)")
                return nil
            }
            guard let delay = duration(node, path, parts[1]) else { return nil }
            return BackoffSetting(kind: kind, delay: delay)
        }
        guard let fields = fields(node, path, allowed: ["type", "delay", "jitter"]) else { return nil }
        requireKey("type", in: fields, kinds)
        requireKey("delay", in: fields, "the base delay, such as 2s")
        var kind: BackoffSetting.Kind?
        if let typeNode = fields.value("type"), let text = string(typeNode, path.child("type")) {
            kind = BackoffSetting.Kind(rawValue: text)
            if kind == nil {
                report(.invalidValue, path.child("type"), at: typeNode, "unknown backoff type \"\(text)\" (expected \(kinds))")
            }
        }
        let delay = duration(fields, "delay")
        let jitter = double(fields, "jitter", 0...1) ?? 0
        guard let kind, let delay else { return nil }
        return BackoffSetting(kind: kind, delay: delay, jitter: jitter)
    }

    /// The delay half of a backoff shorthand, reported against the whole scalar.
    private mutating func duration(_ node: Node, _ path: SettingPath, _ text: String) -> Duration? {
        do {
            return try DurationText.parse(text)
        } catch {
            report(.invalidValue, path, at: node, error.message)
            return nil
        }
    }

    /// `true` (keep none), `false` (keep all), a count, or `{ count: 100, age: 1d }`.
    private mutating func decodeRetention(_ node: Node, _ path: SettingPath) -> RetentionSetting? {
        if case .scalar = node {
            switch node.tagName {
            case .bool: return node.bool == true ? .keepNone : .keepAll
            case .int: return int(node, path, 0...Int(Int32.max)).map { RetentionSetting(count: $0) }
            default:
                report(.wrongType, path, at: node,
                       "expected true, false, a count or { count: 100, age: 1d }, got \(describe(node))")
                return nil
            }
        }
        guard let fields = fields(node, path, allowed: ["count", "age"]) else { return nil }
        if fields.value("count") == nil, fields.value("age") == nil {
            report(.missingKey, path, at: node, "expected count, age or both, got an empty mapping")
            return nil
        }
        return RetentionSetting(count: int(fields, "count", 0...Int(Int32.max)), age: duration(fields, "age"))
    }
}
