import BullpenTopology

extension RestartPolicy {
    /// The wait before restarting after the `quickDeaths`-th quick death in a row (from 1):
    /// `backoffStart × 2^(quickDeaths-1)`, capped at `backoffMax`.
    public func backoff(afterQuickDeaths quickDeaths: Int) -> Duration {
        var delay = backoffStart
        var doublings = quickDeaths - 1
        // Doubling step by step stops at the cap, so a large count cannot overflow.
        while doublings > 0 && delay < backoffMax {
            delay = delay * 2
            doublings -= 1
        }
        return min(delay, backoffMax)
    }

    /// True when the slot must give up after this many quick deaths in a row.
    public func isFatal(afterQuickDeaths quickDeaths: Int) -> Bool {
        quickDeaths >= fatalAfter
    }
}
