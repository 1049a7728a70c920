/// Keeps the last `limit` bytes of a stream and notes whether earlier bytes were dropped.
struct TailBuffer {
    let limit: Int
    // Up to twice the limit is kept between trims, so that dropping the front is amortized.
    private var storage: [UInt8] = []
    private var dropped = false

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    mutating func append(_ chunk: ArraySlice<UInt8>) {
        if chunk.count >= limit {
            dropped = dropped || !storage.isEmpty || chunk.count > limit
            storage = Array(chunk.suffix(limit))
            return
        }
        storage.append(contentsOf: chunk)
        if storage.count > 2 * limit {
            storage.removeFirst(storage.count - limit)
            dropped = true
        }
    }

    /// The last `limit` bytes.
    var bytes: [UInt8] { storage.count > limit ? Array(storage.suffix(limit)) : storage }

    /// Whether any byte was dropped from the front.
    var truncated: Bool { dropped || storage.count > limit }
}
