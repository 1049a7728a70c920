/// Which finished jobs a queue keeps (`remove_on_complete`, `remove_on_fail`): at most ``count`` of the
/// newest, none older than ``age``; with neither, every job is kept.
///
/// The file spells it `false` (keep all), `true` (keep none), a count, or `{ count: 100, age: 1d }`.
/// `true` and `{ count: 0 }` are the same setting.
public struct RetentionSetting: Sendable, Equatable {
    /// The most jobs kept, newest first; nil for no limit.
    public var count: Int?
    /// The oldest a kept job may be; nil for no limit.
    public var age: Duration?

    /// Creates a retention rule.
    public init(count: Int? = nil, age: Duration? = nil) {
        self.count = count
        self.age = age
    }

    /// Keep every finished job (`false`, the default).
    public static let keepAll = RetentionSetting()
    /// Remove a job as soon as it finishes (`true`).
    public static let keepNone = RetentionSetting(count: 0)

    /// True when no job is ever removed.
    public var keepsAll: Bool { count == nil && age == nil }
}
