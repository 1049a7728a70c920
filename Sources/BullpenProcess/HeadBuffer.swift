/// Keeps the first `limit` bytes of a stream and notes whether more came.
struct HeadBuffer {
    let limit: Int
    private(set) var bytes: [UInt8] = []
    private(set) var truncated = false

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    mutating func append(_ chunk: ArraySlice<UInt8>) {
        let room = limit - bytes.count
        if chunk.count > room { truncated = true }
        bytes.append(contentsOf: chunk.prefix(room))
    }
}
