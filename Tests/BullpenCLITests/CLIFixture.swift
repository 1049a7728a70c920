import BullpenCore
import BullpenProcess
import BullpenRedis
import BullpenTestSupport
import Foundation
import Testing

/// What one run of the `bullpen` executable did.
struct CLIResult: CustomStringConvertible {
    /// The exit code (128 + signal when killed).
    var code: Int32
    var stdout: String
    var stderr: String

    /// Standard output's lines, without the last newline.
    var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast(stdout.hasSuffix("\n") ? 1 : 0) }

    /// Standard output parsed as one JSON object.
    func json() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
        return try #require(value as? [String: Any], "stdout is not a JSON object: \(stdout)")
    }

    var description: String { "exit \(code)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// A test's world: a fresh key prefix on the shared private redis-server, and an empty working directory
/// (so no `etc/bullpen.yaml` of the repository is picked up), with the `bullpen` executable run as a real
/// process in exactly the environment given (no `BULLPEN_REDIS_URL` leaks in from the developer's shell).
struct CLIWorld {
    let prefix = TestKeys.prefix()
    let directory: String

    /// The redis-server every test of this process shares.
    static var redis: RedisServer { RedisServer.shared }

    /// A pool for the tests' own look-ups and setup.
    static let pool = RedisPool(redis.configuration, size: 4)

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bullpen-cli-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The flags that point a command at this world's Redis and prefix.
    var connection: [String] { ["--redis", Self.redis.url, "--prefix", prefix] }

    /// Runs `bullpen arguments` (plus `connection` flags unless `connect` is false) in the world's folder.
    func run(
        _ arguments: [String], input: String = "", environment: [String] = [], connect: Bool = true
    ) async throws -> CLIResult {
        let command = CommandRun(
            executable: try BullpenExecutable.path, arguments: arguments + (connect ? connection : []),
            environment: ["PATH=/usr/bin:/bin", "HOME=\(directory)"] + environment, workingDirectory: directory,
            input: Array(input.utf8), stdoutLimit: 16 << 20, stderrLimit: 1 << 20, timeout: .seconds(30))
        let result = try await command.runOnOwnThread()
        return CLIResult(
            code: result.status.shellCode, stdout: String(decoding: result.stdout, as: UTF8.self),
            stderr: String(decoding: result.stderrTail, as: UTF8.self))
    }

    /// A queue of this world, for setting up and checking state in the test process.
    func queue(_ name: String = "q", settings: QueueSettings = QueueSettings()) throws -> Queue {
        var settings = settings
        settings.prefix = prefix
        return try Queue(name, redis: Self.pool, settings: settings)
    }

    /// Every key of the world's prefix with its type and size: equal snapshots mean nothing was written.
    func snapshot() async throws -> [String: String] {
        let client = Self.pool.client()
        var result: [String: String] = [:]
        for key in try await client.send(["KEYS", "\(prefix):*"]).array?.compactMap(\.string) ?? [] {
            let type = try await client.send(["TYPE", key]).string ?? "?"
            let size: RedisReply = switch type {
            case "hash": try await client.send(["HLEN", key])
            case "list": try await client.send(["LLEN", key])
            case "zset": try await client.send(["ZCARD", key])
            case "set": try await client.send(["SCARD", key])
            case "stream": try await client.send(["XLEN", key])
            default: try await client.send(["STRLEN", key])
            }
            result[key] = "\(type) \(size.int ?? -1)"
        }
        return result
    }

    /// Writes a file in the world's folder and returns its path.
    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        let path = directory + "/" + name
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// Where the built `bullpen` executable is: `BULLPEN_EXECUTABLE` if set, else next to the test binary in
/// the build products folder (whatever `--scratch-path` was), looking a few folders up for a macOS bundle.
enum BullpenExecutable {
    static var path: String {
        get throws {
            if let found = located { return found }
            throw LocateError(message: "the bullpen executable was not found next to the test binary; build it (swift build) or set BULLPEN_EXECUTABLE")
        }
    }

    struct LocateError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private static let located: String? = {
        if let given = ProcessInfo.processInfo.environment["BULLPEN_EXECUTABLE"] { return given }
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("bullpen").path
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }()
}

extension CLIWorld {
    /// A fresh prefix for tests that use the library directly.
    static var prefixForLibraryTest: String { TestKeys.prefix() }
}
