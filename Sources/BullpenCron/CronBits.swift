/// The set of values one cron field allows, as a bit set (every field's values fit in 0...63).
///
/// Lookups are O(1): finding the next allowed value is a mask and a trailing-zero count, which is what
/// lets the search jump field by field instead of stepping through every minute.
struct CronBits: Hashable, Sendable {
    private(set) var raw: UInt64 = 0

    /// Adds `value` (0...63) to the set.
    mutating func insert(_ value: Int) {
        raw |= 1 << UInt64(value)
    }

    /// Whether the set holds `value`.
    func contains(_ value: Int) -> Bool {
        value >= 0 && value < 64 && raw & (1 << UInt64(value)) != 0
    }

    /// The smallest value in the set that is at least `value`, or nil if there is none.
    func next(atOrAfter value: Int) -> Int? {
        guard value < 64 else { return nil }
        let masked = raw & (UInt64.max << UInt64(max(value, 0)))
        return masked == 0 ? nil : masked.trailingZeroBitCount
    }
}
