import BullpenCore
import BullpenTopology

extension JobOptions {
    /// A queue's default job options from its topology `defaults:`; every setting is carried over,
    /// defaults included (`attempts: 1`, `delay: 0s`, keep all finished jobs), so the stored options of a
    /// job say exactly what applied.
    public init(defaults: JobDefaults) {
        self.init(
            priority: defaults.priority, delay: defaults.delay, attempts: defaults.attempts,
            backoff: defaults.backoff.map(Backoff.init(setting:)), lifo: defaults.lifo,
            removeOnComplete: JobRetention(setting: defaults.removeOnComplete),
            removeOnFail: JobRetention(setting: defaults.removeOnFail), timeout: defaults.timeout)
    }
}

extension Backoff {
    /// The backoff a topology `backoff:` setting describes.
    public init(setting: BackoffSetting) {
        let kind: Kind = switch setting.kind {
        case .fixed: .fixed
        case .exponential: .exponential
        }
        self.init(kind, delay: setting.delay, jitter: setting.jitter)
    }
}

extension JobRetention {
    /// The retention a topology `remove_on_complete:` / `remove_on_fail:` setting describes (`false` keeps
    /// all, `true` keeps none, or a count and an age).
    public init(setting: RetentionSetting) {
        self.init(count: setting.count, age: setting.age)
    }
}
