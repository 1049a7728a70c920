import FoundationEssentials
import Synchronization

/// Job options decoded from the JSON text stored in job records, cached by that text: the jobs of a queue
/// mostly share a handful of option sets, and `JSONDecoder` cost several µs per taken job.
///
/// `Sendable` through a `Mutex`: a `Queue` is shared by many tasks.
final class JobOptionsCache: Sendable {
    /// Entries beyond this are dropped all at once, so per-job options (a jobId in each) stay bounded.
    static let capacity = 256

    private let cache = Mutex<[String: JobOptions]>([:])

    /// The options in `json`; empty options when the text cannot be decoded (as `Job` always did).
    func options(_ json: String) -> JobOptions {
        if let hit = cache.withLock({ $0[json] }) { return hit }
        let decoded = (try? JSONDecoder().decode(JobOptions.self, from: Data(json.utf8))) ?? JobOptions()
        cache.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
            cache[json] = decoded
        }
        return decoded
    }
}
