import Glibc

/// Statistics of a running process, read from `/proc`.
public enum ProcessStats {
    /// The resident set size (`VmRSS` in `/proc/PID/status`) in bytes: what `max_memory` is compared to.
    /// Fails for a process that does not exist, and for a zombie (which has no memory left).
    public static func residentBytes(pid: pid_t) throws(ProcessError) -> UInt64 {
        let path = "/proc/\(pid)/status"
        let text = try ProcFile.read(path)
        // The line reads `VmRSS:\t    1234 kB` (a tab, then spaces); the kernel always reports kB.
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = line.dropFirst("VmRSS:".count).split(whereSeparator: \.isWhitespace).first
                .flatMap({ UInt64($0) })
        else {
            throw ProcessError(.stats, "no VmRSS line in \(path): the process is a zombie or a kernel thread")
        }
        return kilobytes * 1024
    }

    /// When the process started, as the time since boot (field 22 of `/proc/PID/stat`, in clock ticks).
    ///
    /// Together with the pid it identifies a process: a reused pid has a later start time.
    public static func startTime(pid: pid_t) throws(ProcessError) -> Duration {
        let path = "/proc/\(pid)/stat"
        let text = try ProcFile.read(path)
        // The command name (field 2) is in parentheses and may hold spaces and parentheses itself:
        // fields are counted from the last ')'. After it come field 3 (state), 4, ... so 22 is index 19.
        guard let close = text.lastIndex(of: ")") else {
            throw ProcessError(.stats, "unexpected format of \(path): no ')' after the command name")
        }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Int64(fields[19]) else {
            throw ProcessError(.stats, "unexpected format of \(path): no start time in field 22")
        }
        let ticksPerSecond = Int64(sysconf(Int32(_SC_CLK_TCK)))
        return .seconds(ticks / ticksPerSecond) + .nanoseconds((ticks % ticksPerSecond) * 1_000_000_000 / ticksPerSecond)
    }
}
