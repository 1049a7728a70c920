import Glibc

/// Unix wall-clock time in microseconds, the clock the driver compares across processes (`time.time()`).
struct WallClock: Sendable, Hashable {
    /// Microseconds since the Unix epoch.
    var microseconds: Int64

    /// Now (`CLOCK_REALTIME`).
    static func now() -> WallClock {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return WallClock(microseconds: Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1_000)
    }

    /// Seconds as a float (JSON payloads carry it so).
    init(seconds: Double) {
        microseconds = Int64((seconds * 1_000_000).rounded())
    }

    init(microseconds: Int64) {
        self.microseconds = microseconds
    }

    /// Seconds with six decimals, like Python's `"%.6f" % time.time()`: `1764470000.012345`.
    var text: String {
        let fraction = String(microseconds % 1_000_000)
        return "\(microseconds / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }
}
