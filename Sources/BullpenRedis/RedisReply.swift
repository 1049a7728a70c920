/// A reply from Redis (RESP2), as hiredis decodes it.
public enum RedisReply: Sendable, Hashable {
    /// A simple status such as `OK`.
    case status(String)
    /// An error reply such as `ERR wrong number of arguments`.
    case error(String)
    /// An integer reply.
    case integer(Int64)
    /// A bulk string, kept as bytes (binary-safe).
    case bulk([UInt8])
    /// A nil reply: a missing key, a blocking pop that timed out, or Lua `false`.
    case null
    /// An array of replies (may nest).
    case array([RedisReply])
}

extension RedisReply {
    /// The reply as text: bulk strings decoded as UTF-8, statuses as is, integers printed; nil otherwise.
    public var string: String? {
        switch self {
        case .bulk(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .status(let text): return text
        case .integer(let value): return String(value)
        default: return nil
        }
    }

    /// The reply as an integer: integer replies, or bulk strings holding a decimal integer.
    public var int: Int64? {
        switch self {
        case .integer(let value): return value
        case .bulk, .status: return string.flatMap { Int64($0) }
        default: return nil
        }
    }

    /// The elements of an array reply; nil for any other reply.
    public var array: [RedisReply]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// Whether the reply is nil.
    public var isNull: Bool { self == .null }

    /// The error text when the reply is an error reply.
    public var errorMessage: String? {
        if case .error(let text) = self { return text }
        return nil
    }

    /// Whether the reply, or an element of it (a script may answer an error per part), says that this
    /// server cannot serve the command now and another connection may: `READONLY` (it is a replica, so no
    /// write ran) or `LOADING` (it is reading its data back, so nothing ran).
    var asksForAnotherConnection: Bool {
        switch self {
        case .error(let text): return text.hasPrefix("READONLY") || text.hasPrefix("LOADING")
        case .array(let elements): return elements.contains { $0.asksForAnotherConnection }
        default: return false
        }
    }

    /// Throws the reply as a `RedisError` when it is an error reply; returns it unchanged otherwise.
    @discardableResult
    public func orThrow(command: String) throws(RedisError) -> RedisReply {
        if case .error(let text) = self { throw RedisError(.serverError, "redis error from \(command): \(text)") }
        return self
    }
}
