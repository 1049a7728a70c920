import BullpenProcess
import Foundation
import Glibc
import Testing

/// The systemd notify protocol, read from a datagram socket the test binds and passes as NOTIFY_SOCKET.
@Suite struct NotifyTests {
    /// A bound unix datagram socket collecting notify messages (non-blocking reads).
    final class Listener {
        let path: String
        let fd: Int32
        private(set) var messages: [String] = []

        init(path: String) throws {
            self.path = path
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard fd >= 0, bound == 0 else { throw POSIXError(.EINVAL) }
        }

        deinit {
            close(fd)
            unlink(path)
        }

        /// Every message received so far.
        func read() -> [String] {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { break }
                messages.append(String(decoding: buffer[0..<count], as: UTF8.self))
            }
            return messages
        }
    }

    @Test func readyReloadingStoppingStatusAndWatchdog() async throws {
        let socketPath = FileManager.default.temporaryDirectory.appendingPathComponent("bullpen-notify-\(UUID().uuidString.prefix(8))").path
        let listener = try Listener(path: socketPath)
        let host = try SupervisorHost(
            topology: """
                redis: redis://127.0.0.1:1/0
                stop_timeout: 5s
                queues:
                  sleep: { processes: 2 }
                """,
            environment: ["NOTIFY_SOCKET": socketPath, "WATCHDOG_USEC": "400000"])

        let ready = try await host.waitFor("READY=1") { listener.read().first { $0.contains("READY=1") } }
        #expect(ready == "READY=1\nSTATUS=2 running, 0 backoff, 0 fatal\n")
        #expect(listener.messages.contains { $0.hasPrefix("STATUS=") && $0.contains("starting") })
        try host.send(SIGHUP)
        let reloading = try await host.waitFor("RELOADING=1") { listener.read().first { $0.contains("RELOADING=1") } }
        #expect(reloading.contains("MONOTONIC_USEC="))
        try await host.waitFor("READY=1 after the reload") {
            listener.read().drop { !$0.contains("RELOADING=1") }.first { $0.contains("READY=1") }
        }
        try await host.waitFor("two watchdog pings") { listener.read().count { $0 == "WATCHDOG=1\n" } >= 2 ? true : nil }
        try host.send(SIGTERM)
        #expect(try await host.waitForExit() == .exited(code: 0))
        #expect(listener.read().contains { $0.hasPrefix("STOPPING=1\n") })
        // Workers never see the supervisor's notify socket.
        #expect(host.spawns("sleep").map { $0["notify"] } == ["absent", "absent"])
    }
}
