import Glibc

/// Speaks systemd's notify protocol: datagrams of `NAME=value` lines sent to `$NOTIFY_SOCKET`.
///
/// A notifier without a socket (not run by systemd, or not `Type=notify`) does nothing, so the supervisor
/// calls it unconditionally. Each message opens its own socket, like `sd_notify`, so the value is a plain
/// `Sendable` struct with no state to guard.
public struct SystemdNotifier: Sendable, Hashable {
    /// The variables systemd sets for the notify protocol; a supervisor removes them from its children's
    /// environment so that workers do not speak for it.
    public static let environmentNames = ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"]

    /// The socket: a path, or an abstract name written with a leading `@`; nil disables the notifier.
    public let socketPath: String?
    /// How often systemd expects `WATCHDOG=1` (send it at about half this interval); nil when the unit has
    /// no watchdog or the watchdog is meant for another process.
    public let watchdogInterval: Duration?

    /// A notifier for an explicit socket.
    public init(socketPath: String?, watchdogInterval: Duration? = nil) {
        self.socketPath = socketPath.flatMap { $0.isEmpty ? nil : $0 }
        self.watchdogInterval = watchdogInterval
    }

    /// A notifier from `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` of `environment`. The watchdog is
    /// taken only when `WATCHDOG_PID` is unset or equals `pid` (systemd sets it to the service's main pid).
    public static func fromEnvironment(
        _ environment: [String] = ProcessEnvironment.current(), pid: pid_t = getpid()
    ) -> SystemdNotifier {
        let socket = ProcessEnvironment.value("NOTIFY_SOCKET", in: environment)
        var interval: Duration?
        if let usec = ProcessEnvironment.value("WATCHDOG_USEC", in: environment).flatMap({ Int64($0) }), usec > 0 {
            let watchdogPid = ProcessEnvironment.value("WATCHDOG_PID", in: environment)
            if watchdogPid == nil || watchdogPid == String(pid) { interval = .microseconds(usec) }
        }
        return SystemdNotifier(socketPath: socket, watchdogInterval: interval)
    }

    /// Whether messages are sent at all.
    public var isEnabled: Bool { socketPath != nil }

    /// `READY=1`: startup is complete (with an optional `STATUS=` line).
    public func ready(status: String? = nil) throws(ProcessError) {
        try notify(["READY=1"] + statusLine(status))
    }

    /// `RELOADING=1` with `MONOTONIC_USEC=` (required by `Type=notify-reload`); send `ready()` when done.
    public func reloading(status: String? = nil) throws(ProcessError) {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let usec = Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
        try notify(["RELOADING=1", "MONOTONIC_USEC=\(usec)"] + statusLine(status))
    }

    /// `STOPPING=1`: shutdown has begun.
    public func stopping(status: String? = nil) throws(ProcessError) {
        try notify(["STOPPING=1"] + statusLine(status))
    }

    /// `STATUS=...`: a one-line status shown by `systemctl status`.
    public func status(_ text: String) throws(ProcessError) {
        try notify(statusLine(text))
    }

    /// `WATCHDOG=1`: the keep-alive ping.
    public func watchdog() throws(ProcessError) {
        try notify(["WATCHDOG=1"])
    }

    /// Sends `assignments` (`NAME=value` each, without newlines) as one datagram; nothing when disabled.
    public func notify(_ assignments: [String]) throws(ProcessError) {
        guard let socketPath else { return }
        try NotifySocket.send(assignments.joined(separator: "\n") + "\n", to: socketPath)
    }

    /// `STATUS=` with newlines flattened, which would otherwise start a new assignment.
    private func statusLine(_ text: String?) -> [String] {
        guard let text else { return [] }
        return ["STATUS=" + String(text.map { $0.isNewline ? " " : $0 })]
    }
}
