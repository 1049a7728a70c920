import Foundation
import Synchronization

/// Appends entries to the ledger file named by `BULLPEN_BATTERY_LEDGER`, from a worker process.
///
/// Each entry is one `write(2)` to a descriptor opened with `O_APPEND`: lines from many processes never
/// interleave, and an entry written before a SIGKILL is in the file (the page cache outlives the process).
public final class LedgerWriter: Sendable {
    /// The environment variable naming the ledger file.
    public static let variable = "BULLPEN_BATTERY_LEDGER"

    private let descriptor: Int32

    /// Opens the ledger at `path` for appending.
    public init(path: String) throws {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BatteryError(.setup, "unable to open the ledger \(path): \(String(cString: strerror(errno)))") }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// The ledger of this process's environment, or nil when none is set.
    public static let current: LedgerWriter? = {
        guard let path = ProcessInfo.processInfo.environment[variable] else { return nil }
        return try? LedgerWriter(path: path)
    }()

    /// Appends one entry.
    public func append(_ entry: LedgerEntry) {
        var line = entry.line
        line.withUTF8 { bytes in _ = write(descriptor, bytes.baseAddress, bytes.count) }
    }
}
