import Glibc
import Testing

@testable import BullpenProcess

/// Spawns `executable` with its stdout on a pipe, reads the pipe to its end, reaps the child.
private func output(
    of executable: String, _ arguments: [String] = [], environment: [String] = ["PATH=/usr/bin:/bin"],
    workingDirectory: String? = nil
) throws -> (text: String, status: TerminationStatus) {
    var child = try ChildProcess.spawn(SpawnOptions(
        executable: executable, arguments: arguments, environment: environment,
        workingDirectory: workingDirectory, standardOutput: .pipe))
    defer { child.closeStreams() }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(child.standardOutput!, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        bytes += buffer[0..<count]
    }
    return (String(decoding: bytes, as: UTF8.self), try child.wait())
}

/// The value of a `Name:` line of `/proc/PID/status`.
private func statusField(_ name: String, pid: pid_t) throws -> String {
    let text = try ProcFile.read("/proc/\(pid)/status")
    let line = text.split(separator: "\n").first { $0.hasPrefix(name + ":") }
    return line.map { $0.dropFirst(name.count + 1).trimmingPrefix(while: \.isWhitespace) }.map(String.init) ?? ""
}

@Suite struct SpawnTests {
    @Test func childHasEmptyMaskAndDefaultDispositions() throws {
        // posix_spawn runs on the calling thread, so the child would inherit this thread's mask;
        // SIGHUP ignored process-wide would survive exec too (as with nohup).
        let previous = try Signals.block([SIGTERM, SIGINT, SIGCHLD, SIGUSR1])
        try Signals.ignore(SIGHUP)
        defer {
            try? Signals.restoreDefault(SIGHUP)
            _ = try? Signals.setMask(previous)
        }
        let child = try ChildProcess.spawn(SpawnOptions(executable: "/bin/sleep", arguments: ["30"], environment: []))
        defer {
            try? child.send(signal: SIGKILL)
            _ = try? child.wait()
        }
        #expect(try statusField("SigBlk", pid: child.pid) == "0000000000000000")
        let ignored = try statusField("SigIgn", pid: child.pid)
        #expect(ignored == "0000000000000000")
        // The parent's state was real, so the test could fail.
        #expect(try statusField("SigIgn", pid: getpid()) != "0000000000000000")
    }

    @Test func descriptorsAboveTwoAreNotInherited() throws {
        // Opened without O_CLOEXEC, like a hiredis socket, and also copied to a high number.
        let fd = open("/dev/null", O_RDONLY)
        let high = fcntl(fd, F_DUPFD, 100)
        defer {
            close(fd)
            close(high)
        }
        let (text, status) = try output(of: "/bin/ls", ["/proc/self/fd"])
        #expect(status == .exited(code: 0))
        // 0, 1, 2 and the directory ls itself opened to list /proc/self/fd.
        #expect(text.split(separator: "\n") == ["0", "1", "2", "3"])
    }

    @Test func passesExactlyTheGivenEnvironment() throws {
        let (text, _) = try output(of: "/usr/bin/env", environment: ["ALPHA=1", "BETA=two words"])
        #expect(text == "ALPHA=1\nBETA=two words\n")
    }

    @Test func startsInTheWorkingDirectory() throws {
        let (text, _) = try output(of: "/bin/pwd", ["-P"], workingDirectory: "/proc/self")
        #expect(text.hasPrefix("/proc/"))
        #expect(try output(of: "/bin/pwd", workingDirectory: "/").text == "/\n")
    }

    @Test func pipesRoundTripThroughCat() throws {
        var child = try ChildProcess.spawn(SpawnOptions(
            executable: "/bin/cat", environment: [], standardInput: .pipe, standardOutput: .pipe))
        defer { child.closeStreams() }
        let message = Array("hello through cat\n".utf8)
        #expect(write(child.standardInput!, message, message.count) == message.count)
        close(child.standardInput!)
        child.standardInput = nil
        var buffer = [UInt8](repeating: 0, count: 64)
        var received: [UInt8] = []
        while received.count < message.count {
            let count = read(child.standardOutput!, &buffer, buffer.count)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        #expect(received == message)
        #expect(try child.wait() == .exited(code: 0))
        // The parent's ends are close-on-exec: they must not leak into later children.
        #expect(fcntl(child.standardOutput!, F_GETFD) & FD_CLOEXEC != 0)
    }

    @Test func connectsDevNullAndExistingDescriptors() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        // stdin from /dev/null (cat sees EOF at once), stdout and stderr to an fd the parent owns.
        let child = try ChildProcess.spawn(SpawnOptions(
            executable: "/bin/sh", arguments: ["-c", "cat; echo out; echo err >&2"], environment: [],
            standardInput: .null, standardOutput: .fileDescriptor(fds[1]), standardError: .fileDescriptor(fds[1])))
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 64)
        var received: [UInt8] = []
        while case let count = read(fds[0], &buffer, buffer.count), count > 0 { received += buffer[0..<count] }
        #expect(String(decoding: received, as: UTF8.self) == "out\nerr\n")
        #expect(try child.wait() == .exited(code: 0))
    }

    @Test func spawnErrorsNameTheExecutable() {
        #expect(throws: ProcessError(.spawn, "unable to spawn /usr/bin/nope: No such file or directory", systemErrno: ENOENT)) {
            try ChildProcess.spawn(SpawnOptions(executable: "/usr/bin/nope", environment: []))
        }
        #expect {
            try ChildProcess.spawn(SpawnOptions(executable: "/bin/true", environment: [], workingDirectory: "/nope"))
        } throws: { error in
            (error as? ProcessError)?.message == "unable to spawn /bin/true in working directory /nope: No such file or directory"
        }
    }

    @Test func newProcessGroupIsLedByTheChild() throws {
        let child = try ChildProcess.spawn(SpawnOptions(
            executable: "/bin/sleep", arguments: ["30"], environment: [], processGroup: .new))
        defer {
            _ = try? Signals.killProcessGroup(child.pid)
            _ = try? child.wait()
        }
        #expect(getpgid(child.pid) == child.pid)
        #expect(getpgid(child.pid) != getpgrp())
    }

    @Test func argumentZeroCanBeSet() throws {
        let (text, _) = try output(of: "/bin/sh", ["-c", "echo $0"], environment: [])
        #expect(text == "/bin/sh\n")
        var child = try ChildProcess.spawn(SpawnOptions(
            executable: "/bin/sh", arguments: ["-c", "echo $0"], argumentZero: "custom-name", environment: [],
            standardOutput: .pipe))
        defer { child.closeStreams() }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(child.standardOutput!, &buffer, buffer.count)
        #expect(String(decoding: buffer[0..<max(count, 0)], as: UTF8.self) == "custom-name\n")
        _ = try child.wait()
    }
}
