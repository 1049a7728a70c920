import FoundationEssentials
import Synchronization

/// What a new job's record and `add.lua` arguments look like for given options, computed once per distinct
/// options and cached: most jobs of a queue share the queue's defaults, so validating, merging and
/// `JSONEncoder` run once per distinct options instead of once per job (the encoder alone cost about
/// 4.5 µs a job, a tenth of a single add).
///
/// `Sendable` through a `Mutex`: a `Queue` is shared by many tasks adding at once.
final class RecordTemplates: Sendable {
    /// Entries beyond this are dropped all at once, so producers with per-job options (a distinct delay per
    /// job, say) cannot grow the cache without bound.
    static let capacity = 256

    /// The record parts and script arguments that depend only on a job's options (its `jobId` aside).
    struct Template: Sendable {
        /// The merged options as JSON, without `jobId`.
        let optionsJSON: String
        /// The record after its `"n"` field (`,"o":…}` or just `}`), for jobs without a `jobId`.
        let tail: String
        /// The record after its `"o"` field: the fields that differ from their defaults, then `}`.
        let afterOptions: String
        /// `add.lua`'s delay, priority and lifo arguments.
        let delay: String, priority: String, lifo: String
    }

    private let defaults: JobOptions
    private let cache = Mutex<[JobOptions: Template]>([:])

    init(defaults: JobOptions) {
        self.defaults = defaults
    }

    /// The template for a job's own options (validated here on a miss; its `jobId` is left to the caller).
    func template(for options: JobOptions) throws(QueueError) -> Template {
        var key = options
        key.jobId = nil
        if let hit = cache.withLock({ $0[key] }) { return hit }
        try key.validate()
        let made = try Self.make(key.merged(over: defaults))
        cache.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = made
        }
        return made
    }

    /// How a record that `add` wrote ends when nothing but the attempt's outcome needs adding once it
    /// completes: no retention rule for completed jobs, and not delayed (see `isFresh` in finish.lua). No
    /// script writes it back: a script that rewrites a record writes MessagePack.
    static let freshMark = ",\"f\":1}"

    /// `merged` has no `jobId` (a job's id is never a default: see `JobOptions.merged(over:)`).
    private static func make(_ merged: JobOptions) throws(QueueError) -> Template {
        let json: String
        do {
            json = String(decoding: try JSONEncoder().encode(merged), as: UTF8.self)
        } catch {
            throw QueueError(.invalidOption, "job options cannot be encoded: \(error)")
        }
        let delay = merged.delay ?? 0
        let complete = merged.removeOnComplete ?? .keepAll
        let fail = merged.removeOnFail ?? .keepAll
        // The fields whose value is not the default the scripts and `JobRecord` assume when a field is
        // missing (no delay or priority, FIFO, one attempt, keep finished jobs, state waiting): a smaller
        // record is cheaper for every script that decodes it and for Redis memory.
        var fields = ""
        func field(_ name: String, _ value: some CustomStringConvertible, unless fallback: some CustomStringConvertible) {
            if value.description != fallback.description { fields += ",\"\(name)\":\(value)" }
        }
        field("d", delay, unless: 0)
        field("p", merged.priority ?? 0, unless: 0)
        field("lifo", merged.lifo == true, unless: false)
        field("a", merged.attempts ?? 1, unless: 1)
        field("rc", complete.count ?? -1, unless: -1)
        field("rca", complete.age ?? 0, unless: 0)
        field("rf", fail.count ?? -1, unless: -1)
        field("rfa", fail.age ?? 0, unless: 0)
        if delay > 0 { fields += ",\"s\":\"delayed\"" }
        // The fresh mark, last: a job that keeps its record when it completes and starts out waiting can
        // complete by text (see `isFresh` in finish.lua), which looks at the record's last bytes only.
        let fresh = (complete.count ?? -1) == -1 && (complete.age ?? 0) == 0 && delay == 0
        let afterOptions = fields + (fresh ? Self.freshMark : "}")
        return Template(
            optionsJSON: json, tail: (json == "{}" ? "" : ",\"o\":" + JSONText.quoted(json)) + afterOptions,
            afterOptions: afterOptions, delay: String(delay), priority: String(merged.priority ?? 0),
            lifo: merged.lifo == true ? "1" : "0")
    }

    static func tail(_ template: Template, jobId: String) -> String {
        let rest = template.optionsJSON.dropFirst()
        let json = "{\"jobId\":" + JSONText.quoted(jobId) + (rest == "}" ? "" : ",") + rest
        return ",\"o\":" + JSONText.quoted(json) + template.afterOptions
    }
}
