/// The rules for queue names and key prefixes: they become part of every Redis key and of its hash tag,
/// so `:`, `{`, `}` and white space are refused.
public enum QueueName {
    /// The longest queue name.
    public static let maxLength = 100

    /// Throws when `name` cannot be a queue name; the error quotes it.
    public static func validate(_ name: String) throws(QueueError) {
        if let reason = problem(name, maxLength: maxLength) {
            throw QueueError(.invalidQueueName, "invalid queue name \(name.debugDescription): \(reason)")
        }
    }

    /// Throws when `prefix` cannot be a key prefix.
    public static func validatePrefix(_ prefix: String) throws(QueueError) {
        if let reason = problem(prefix, maxLength: maxLength) {
            throw QueueError(.invalidQueueName, "invalid key prefix \"\(prefix)\": \(reason)")
        }
    }

    static func problem(_ text: String, maxLength: Int) -> String? {
        if text.isEmpty { return "must not be empty" }
        if text.utf8.count > maxLength { return "longer than \(maxLength) bytes" }
        if let bad = text.unicodeScalars.first(where: { ":{}".unicodeScalars.contains($0) }) {
            return "must not contain '\(bad)'"
        }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            return "must not contain white space or control characters"
        }
        return nil
    }
}

/// The rules for job ids of your own: printable, no white space, at most 256 bytes, and not all digits
/// (numbers are the queue's own ids). A job id is a field of the queue's hashes, never part of a key, so
/// `welcome:42` is fine.
public enum JobID {
    /// The longest job id.
    public static let maxLength = 256

    /// Throws when `id` cannot be a custom job id; the error quotes it.
    public static func validate(_ id: String) throws(QueueError) {
        var reason: String?
        if id.isEmpty {
            reason = "must not be empty"
        } else if id.utf8.count > maxLength {
            reason = "longer than \(maxLength) bytes"
        } else if id.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            reason = "must not contain white space or control characters"
        } else if id.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            reason = "all digits (numeric ids are the queue's own)"
        }
        // Quoted with escapes, so a newline or a tab in the id shows in the message instead of breaking it.
        if let reason { throw QueueError(.invalidJobID, "invalid job id \(id.debugDescription): \(reason)") }
    }
}
