import Glibc
import Testing

@testable import BullpenProcess

/// A Unix datagram socket bound where a notifier will send, standing in for systemd.
private final class Listener {
    let fd: Int32
    let address: String
    private let directory: String?

    /// Binds a socket in a new temporary directory, or at an abstract name when `abstract` is set.
    init(abstract: Bool = false) throws {
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var template = Array("/tmp/bullpen-notify-XXXXXX".utf8CString)
        if abstract {
            directory = nil
            address = "@bullpen-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        } else {
            directory = String(cString: try #require(mkdtemp(&template)))
            address = directory! + "/notify.sock"
        }
        var name = sockaddr_un()
        name.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(address.utf8)
        if abstract { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &name.sun_path) { $0.copyBytes(from: bytes) }
        let length = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count + (abstract ? 0 : 1)
        let bound = withUnsafePointer(to: &name) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(length)) }
        }
        try #require(bound == 0)
        // A failing test must not hang: give up receiving after 5 s.
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(fd)
        if let directory {
            unlink(address)
            rmdir(directory)
        }
    }

    /// The next datagram's lines.
    func receive() -> [String] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return ["<nothing received>"] }
        return String(decoding: buffer[0..<count], as: UTF8.self).split(separator: "\n").map(String.init)
    }
}

@Suite struct SystemdNotifierTests {
    @Test(arguments: [false, true])
    func sendsEachMessage(abstract: Bool) throws {
        let listener = try Listener(abstract: abstract)
        let notifier = SystemdNotifier(socketPath: listener.address)

        try notifier.ready(status: "3 of 3 slots running")
        #expect(listener.receive() == ["READY=1", "STATUS=3 of 3 slots running"])
        try notifier.stopping()
        #expect(listener.receive() == ["STOPPING=1"])
        try notifier.status("two\nlines")
        #expect(listener.receive() == ["STATUS=two lines"])
        try notifier.watchdog()
        #expect(listener.receive() == ["WATCHDOG=1"])

        var before = timespec()
        clock_gettime(CLOCK_MONOTONIC, &before)
        try notifier.reloading()
        let lines = listener.receive()
        #expect(lines.first == "RELOADING=1")
        let usec = try #require(lines.dropFirst().first.flatMap { Int64($0.dropFirst("MONOTONIC_USEC=".count)) })
        let beforeUsec = Int64(before.tv_sec) * 1_000_000 + Int64(before.tv_nsec) / 1000
        #expect(usec >= beforeUsec && usec < beforeUsec + 5_000_000)
    }

    @Test func disabledNotifierDoesNothing() throws {
        let notifier = SystemdNotifier.fromEnvironment(["PATH=/bin"])
        #expect(!notifier.isEnabled)
        #expect(notifier.watchdogInterval == nil)
        try notifier.ready()
    }

    @Test(arguments: [
        (["NOTIFY_SOCKET=@x", "WATCHDOG_USEC=30000000"], Duration?.some(.seconds(30))),
        (["NOTIFY_SOCKET=@x", "WATCHDOG_USEC=30000000", "WATCHDOG_PID=4242"], .seconds(30)),
        (["NOTIFY_SOCKET=@x", "WATCHDOG_USEC=30000000", "WATCHDOG_PID=4243"], nil),
        (["NOTIFY_SOCKET=@x", "WATCHDOG_USEC=0"], nil),
        (["NOTIFY_SOCKET=@x"], nil),
    ])
    func watchdogIntervalFromTheEnvironment(environment: [String], interval: Duration?) {
        let notifier = SystemdNotifier.fromEnvironment(environment, pid: 4242)
        #expect(notifier.socketPath == "@x")
        #expect(notifier.watchdogInterval == interval)
    }

    @Test func badSocketAddressesAreErrors() {
        #expect(throws: ProcessError.self) { try SystemdNotifier(socketPath: "relative.sock").ready() }
        #expect(throws: ProcessError.self) {
            try SystemdNotifier(socketPath: "/" + String(repeating: "x", count: 200)).ready()
        }
        // Nobody listens there.
        #expect(throws: ProcessError.self) { try SystemdNotifier(socketPath: "/nonexistent/notify.sock").ready() }
    }
}
