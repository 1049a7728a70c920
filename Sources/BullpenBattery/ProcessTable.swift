import Foundation

/// What `/proc` says about the processes of this machine: parents, states and command lines.
public enum ProcessTable {
    /// One live process.
    public struct Entry: Sendable, Hashable {
        /// Its pid.
        public var pid: Int32
        /// Its parent's pid.
        public var parent: Int32
        /// Its state letter (`R`, `S`, `T` stopped, `Z` zombie, ...).
        public var state: Character
        /// Its arguments, `argv[0]` first.
        public var arguments: [String]
        /// When it started, in milliseconds of ``bootClock()`` (10 ms resolution).
        public var startedAt: Double
    }

    /// Milliseconds since boot (`CLOCK_BOOTTIME`), the clock of ``Entry/startedAt``: a process's start
    /// time comes from the kernel, so measuring from it does not depend on how often anyone looked.
    public static func bootClock() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_BOOTTIME, &now)
        return Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1e6
    }

    /// Every process that can be read, zombies included.
    public static func all() -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { Int32($0) }.compactMap(entry(pid:))
    }

    /// One process, or nil when it is gone.
    public static func entry(pid: Int32) -> Entry? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // `pid (comm) state ppid ...`: comm may hold spaces and parentheses, so read after the last ')'.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // Field 22 of stat (index 19 after the comm) is the start time in clock ticks since boot.
        guard fields.count > 19, let state = fields[0].first, let parent = Int32(fields[1]), let ticks = Double(fields[19])
        else { return nil }
        let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data()
        let arguments = raw.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
        return Entry(pid: pid, parent: parent, state: state, arguments: arguments, startedAt: ticks * 1000 / clockTicks)
    }

    private static let clockTicks = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// The live (not zombie) children of `parent`.
    public static func children(of parent: Int32) -> [Entry] {
        all().filter { $0.parent == parent && $0.state != "Z" }
    }

    /// Whether `pid` is a live process (not a zombie).
    public static func isAlive(_ pid: Int32) -> Bool {
        guard let entry = entry(pid: pid) else { return false }
        return entry.state != "Z"
    }
}
