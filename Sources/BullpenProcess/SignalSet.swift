import Glibc

/// A set of signals: a value wrapper around `sigset_t`.
public struct SignalSet: Sendable, Equatable, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// The underlying `sigset_t`, for calls this layer does not wrap.
    public internal(set) var raw: sigset_t

    /// The empty set.
    public init() {
        raw = sigset_t()
        sigemptyset(&raw)
    }

    /// The set of the given signals.
    public init(_ signals: some Sequence<Int32>) {
        self.init()
        for signal in signals { insert(signal) }
    }

    /// The set of the given signals.
    public init(arrayLiteral signals: Int32...) {
        self.init(signals)
    }

    /// Wraps an existing `sigset_t`.
    public init(raw: sigset_t) {
        self.raw = raw
    }

    /// Every signal (`sigfillset`).
    public static var all: SignalSet {
        var set = SignalSet()
        sigfillset(&set.raw)
        return set
    }

    /// Adds a signal; numbers outside 1...SIGRTMAX are ignored.
    public mutating func insert(_ signal: Int32) {
        sigaddset(&raw, signal)
    }

    /// Removes a signal.
    public mutating func remove(_ signal: Int32) {
        sigdelset(&raw, signal)
    }

    /// Whether the set holds a signal.
    public func contains(_ signal: Int32) -> Bool {
        withUnsafePointer(to: raw) { sigismember($0, signal) == 1 }
    }

    /// The signals in the set, in increasing order.
    public var signals: [Int32] {
        (1..<65).filter { contains($0) }
    }

    /// True when the set holds no signal.
    public var isEmpty: Bool {
        signals.isEmpty
    }

    /// Two sets are equal when they hold the same signals (padding bits of `sigset_t` aside).
    public static func == (lhs: SignalSet, rhs: SignalSet) -> Bool {
        lhs.signals == rhs.signals
    }

    /// The names of the signals, e.g. `[SIGINT, SIGTERM]`.
    public var description: String {
        "[" + signals.map { SignalName.of($0) ?? String($0) }.joined(separator: ", ") + "]"
    }
}
