import Glibc

/// Waits for signals synchronously with `sigtimedwait`, the core of a single-threaded supervisor loop.
///
/// The signals must be blocked on the calling thread (and, so that no other thread takes them first, on
/// every thread of the process: block them with `Signals.block(_:)` at the top of `main`, before other
/// threads start). A signal that is not blocked is delivered the ordinary way and never seen here.
/// SIGCHLDs merge: after one arrives, reap with `Reaper.reapAny()` until it returns nothing.
public struct SignalWaiter: Sendable {
    /// The signals this waiter takes.
    public let signals: SignalSet

    /// A waiter for `signals`.
    public init(_ signals: SignalSet) {
        self.signals = signals
    }

    /// Waits until one of the signals is pending and takes it; returns its number, or nil when `timeout`
    /// passed first. A nil timeout waits forever; a zero timeout only polls. An interruption by another
    /// signal's handler resumes the wait for the rest of the timeout.
    public func wait(timeout: Duration?) throws(ProcessError) -> Int32? {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now.advanced(by: $0) }
        while true {
            let result: Int32
            if let deadline {
                var remaining = Swift.max(.zero, clock.now.duration(to: deadline)).timespec
                result = withUnsafePointer(to: signals.raw) { sigtimedwait($0, nil, &remaining) }
            } else {
                result = withUnsafePointer(to: signals.raw) { sigwaitinfo($0, nil) }
            }
            if result > 0 { return result }
            switch errno {
            case EAGAIN: return nil
            case EINTR: continue
            default: throw .system(.signal, "unable to wait for signals \(signals)")
            }
        }
    }
}
