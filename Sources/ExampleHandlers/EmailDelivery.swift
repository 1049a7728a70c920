/// What an `emails` job returns.
public struct EmailDelivery: Codable, Sendable, Hashable {
    /// Whether this run wrote the message (false: the key's message was already delivered).
    public var delivered: Bool
    /// The idempotency key.
    public var key: String
    /// The message file in the mail drop.
    public var file: String
    /// The message's Message-ID, derived from the key.
    public var messageID: String
}
