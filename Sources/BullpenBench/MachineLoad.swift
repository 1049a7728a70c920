import Foundation
import Glibc

/// How busy the machine was with work other than this benchmark (another build or test run depresses every
/// figure): the CPU time the whole machine used, minus this process, its reaped children
/// (`redis-benchmark`) and the private redis-server, over the run's wall time.
struct MachineLoad: Sendable {
    private var machineTicks: Double
    private var ownSeconds: Double
    private var serverTicks: Double
    private var wall: Double

    /// A reading now; `serverPID` is the private redis-server's.
    static func read(serverPID: Int32?) -> MachineLoad {
        var usage = rusage()
        var children = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        getrusage(RUSAGE_CHILDREN.rawValue, &children)
        let own = [usage.ru_utime, usage.ru_stime, children.ru_utime, children.ru_stime]
            .reduce(0.0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
        return MachineLoad(
            machineTicks: busyTicks(), ownSeconds: own, serverTicks: serverPID.map(processTicks) ?? 0,
            wall: ProcessClock.now().wall)
    }

    /// Cores used on average by everything else between `start` and this reading.
    func otherCores(since start: MachineLoad) -> Double {
        let hertz = Double(sysconf(Int32(_SC_CLK_TCK)))
        let others = (machineTicks - start.machineTicks - serverTicks + start.serverTicks) / hertz - (ownSeconds - start.ownSeconds)
        return max(0, others / max(0.001, wall - start.wall))
    }

    /// user + nice + system + irq + softirq + steal of the `cpu` line of /proc/stat.
    private static func busyTicks() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") })
        else { return 0 }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count >= 8 else { return 0 }
        return fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7]
    }

    /// utime + stime of a process, from /proc/PID/stat (fields 14 and 15; the name in parentheses may hold
    /// spaces, so fields are counted after its closing parenthesis).
    private static func processTicks(_ pid: Int32) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return 0 }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return user + system
    }
}
