/// Finds the known key a mistyped one was probably meant to be, for "did you mean" hints.
enum KeySuggestion {
    /// The known key closest to `key` by edit distance, if it is close enough to be a typo: at most 3
    /// edits, and fewer than half the key's length.
    static func closest(to key: String, in known: [String]) -> String? {
        let limit = min(3, max(1, (key.count - 1) / 2))
        let scored = known.map { (candidate: $0, distance: distance(key.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= limit else { return nil }
        return best.candidate
    }

    /// The Levenshtein distance between two strings, in characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
