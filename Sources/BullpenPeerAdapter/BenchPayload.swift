/// The job data of the benchmark: about 100 bytes of JSON with the job's index `i`, the wall-clock time
/// `t` taken right before it is added, and padding (`adapters/common.py`'s `payload`).
struct BenchPayload: Decodable {
    static let pad = String(repeating: "x", count: 52)

    var i: Int
    var t: Double

    /// The JSON text for job `index`, stamped now.
    static func json(_ index: Int) -> String {
        "{\"i\":\(index),\"t\":\(WallClock.now().text),\"pad\":\"\(pad)\"}"
    }
}
