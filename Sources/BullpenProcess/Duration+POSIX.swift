import Glibc

extension Duration {
    /// The duration as a `timespec`; negative durations become zero.
    var timespec: Glibc.timespec {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 else { return Glibc.timespec(tv_sec: 0, tv_nsec: 0) }
        return Glibc.timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
    }

    /// The duration in whole milliseconds, rounded up so that a wait never ends early; clamped to Int32.
    var millisecondsRoundedUp: Int32 {
        let (seconds, attoseconds) = components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: millis)
    }
}
