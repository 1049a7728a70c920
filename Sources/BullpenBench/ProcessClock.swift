import Glibc

/// Wall time and this process's CPU time (all threads, user + system), read together, so a phase can
/// report what it cost the client besides how long it took.
struct ProcessClock {
    var wall: Double
    var cpu: Double

    static func now() -> ProcessClock {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return ProcessClock(wall: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9, cpu: cpu)
    }

    /// (wall seconds, CPU seconds) since `start`.
    func since(_ start: ProcessClock) -> (wall: Double, cpu: Double) { (wall - start.wall, cpu - start.cpu) }
}
