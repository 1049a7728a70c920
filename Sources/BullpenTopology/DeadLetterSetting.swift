/// Whether a queue keeps jobs that used up their attempts (or crashed workers too often) in a dead-letter
/// queue, and how many.
public struct DeadLetterSetting: Sendable, Equatable {
    /// Keep dead jobs. Default true.
    public var enabled: Bool
    /// The most dead jobs kept; older ones are trimmed. Default 10000.
    public var maxLength: Int

    /// Creates the setting; the defaults are the file's defaults.
    public init(enabled: Bool = true, maxLength: Int = 10_000) {
        self.enabled = enabled
        self.maxLength = maxLength
    }
}
