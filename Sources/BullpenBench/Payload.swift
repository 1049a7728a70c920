import Foundation

/// The job data: about 100 bytes of JSON with the job's index and the time it was added, as in the peer
/// benchmark (`{"i", "t", "pad"}`).
enum Payload {
    static let pad = String(repeating: "x", count: 56)

    static func json(_ index: Int) -> String {
        "{\"i\":\(index),\"t\":\(Date().timeIntervalSince1970),\"pad\":\"\(pad)\"}"
    }
}
