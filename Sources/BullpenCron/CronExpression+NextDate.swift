import FoundationEssentials
// Named time zones (`TimeZone(identifier:)`) come with the ICU data of this module:
// FoundationEssentials alone knows only GMT offsets.
import FoundationInternationalization

extension CronExpression {
    /// How far ahead ``nextDate(after:in:)`` looks before it gives up: ten years, which covers the longest
    /// wait of a satisfiable expression (February 29 can be eight years away, as from 2096 to 2104).
    public static let searchHorizonSeconds: Int64 = 10 * 366 * 86_400

    /// The first run strictly after `date`, in `timeZone`, or nil if there is none within
    /// ``searchHorizonSeconds`` (an expression such as `0 0 30 2 *` never runs). Runs fall on whole seconds.
    ///
    /// Daylight-saving changes are handled as Vixie cron does:
    /// - An expression that names fixed times of day (neither minute nor hour starts with `*`, such as
    ///   `30 2 * * *`): a time skipped by a spring-forward gap runs once, at the end of the gap (02:30
    ///   runs at 03:00 when clocks jump from 02:00 to 03:00); a time repeated by a fall-back overlap runs
    ///   once, at its first occurrence.
    /// - Any other expression (`0 * * * *`, `*/15 * * * *`) follows real time: it runs at each real
    ///   instant whose wall-clock time matches, so `0 * * * *` runs at every real hour, both passes of a
    ///   repeated hour included, and a wall-clock time that a gap skips is not made up.
    /// Either way no instant runs twice.
    public func nextDate(after date: Date, in timeZone: TimeZone) -> Date? {
        // Dates beyond Int64 seconds (only reachable by constructing absurd values) have no next run.
        guard let after = Int64(exactly: date.timeIntervalSince1970.rounded(.down)) else { return nil }
        return nextSecond(after: after, in: timeZone).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// The next `count` runs strictly after `date`, in order; fewer when the search horizon ends first.
    public func nextDates(after date: Date, in timeZone: TimeZone, count: Int) -> [Date] {
        var dates: [Date] = []
        var cursor = date
        while dates.count < count, let next = nextDate(after: cursor, in: timeZone) {
            dates.append(next)
            cursor = next
        }
        return dates
    }

    /// The first run strictly after `after` (Unix seconds), as Unix seconds.
    ///
    /// Walks the time zone's stretches of constant UTC offset. Within a stretch, wall-clock time and real
    /// time move together, so the first wall-clock match maps straight to an instant. Between stretches,
    /// the transition decides what happens to the wall-clock times it skips or repeats.
    func nextSecond(after: Int64, in timeZone: TimeZone) -> Int64? {
        let horizon = after + Self.searchHorizonSeconds
        var offset = timeZone.offset(at: after)
        // Wall-clock times strictly after `after` in the current stretch.
        var localFrom = after + offset + 1
        if namesFixedTimes, let previous = timeZone.lastTransition(atOrBefore: after),
           previous.offsetBefore > previous.offsetAfter {
            // `after` lies after a fall-back: wall-clock times up to the old offset's end already ran.
            localFrom = max(localFrom, previous.instant + previous.offsetBefore)
        }
        var stretchStart = after
        while stretchStart < horizon {
            let transition = timeZone.nextTransition(after: stretchStart)
            let stretchEnd = min(transition ?? horizon, horizon)
            if let local = firstLocalMatch(from: localFrom, until: stretchEnd + offset) {
                return local - offset
            }
            guard let transition, transition < horizon else { return nil }
            let newOffset = timeZone.offset(at: transition)
            if newOffset > offset {
                // Spring forward: wall-clock times in [transition + offset, transition + newOffset) do not
                // exist. Fixed times among them run once, at the first real instant after the gap.
                let gapFrom = max(localFrom, transition + offset)
                if namesFixedTimes, firstLocalMatch(from: gapFrom, until: transition + newOffset) != nil {
                    return transition
                }
                localFrom = transition + newOffset
            } else {
                // Fall back: wall-clock times in [transition + newOffset, transition + offset) come again.
                // Fixed times ran on the first pass; real-time expressions run on both.
                localFrom = namesFixedTimes ? transition + offset : transition + newOffset
            }
            offset = newOffset
            stretchStart = transition
        }
        return nil
    }
}

extension TimeZone {
    /// The UTC offset in seconds at the instant `unixSeconds`.
    fileprivate func offset(at unixSeconds: Int64) -> Int64 {
        Int64(secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(unixSeconds))))
    }

    /// The first change of UTC offset strictly after `unixSeconds`, as Unix seconds.
    fileprivate func nextTransition(after unixSeconds: Int64) -> Int64? {
        nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: TimeInterval(unixSeconds)))
            .map { Int64($0.timeIntervalSince1970.rounded(.up)) }
    }

    /// The last change of UTC offset at or before `unixSeconds`, looking back two days (longer than any
    /// overlap), with the offsets on either side.
    fileprivate func lastTransition(
        atOrBefore unixSeconds: Int64
    ) -> (instant: Int64, offsetBefore: Int64, offsetAfter: Int64)? {
        var found: Int64?
        var cursor = unixSeconds - 2 * 86_400
        while let next = nextTransition(after: cursor), next <= unixSeconds {
            found = next
            cursor = next
        }
        return found.map { ($0, offset(at: $0 - 1), offset(at: $0)) }
    }
}
