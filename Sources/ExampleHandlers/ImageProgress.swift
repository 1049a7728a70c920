/// The progress an `images` job reports after each operation: `{"step": "decoded", "percent": 33}`.
public struct ImageProgress: Codable, Sendable, Hashable {
    /// The operation just finished: `decoded`, `resized` or `written`.
    public var step: String
    /// How far the job is, 0 to 100.
    public var percent: Int

    /// Creates a progress report.
    public init(step: String, percent: Int) {
        self.step = step
        self.percent = percent
    }
}
