/// The benchmark's command-line flags (no subcommands).
struct BenchOptions: Sendable {
    /// How the benchmark and `redis-benchmark` reach the private server: both always use the same one.
    enum Transport: String, Sendable {
        case tcp
        case unix
    }

    /// The parts of a run, selectable with `--phases` (e.g. to profile one of them alone).
    enum Phase: String, Sendable, CaseIterable {
        case baseline, raw, single, bulk, cycle, bare
    }

    var jobs = 20_000
    var reps = 3
    var transport = Transport.tcp
    var json = false
    /// Requests for the one-client `redis-benchmark` run (the peer benchmark's figure).
    var baselineSingleRequests = 50_000
    /// Requests for the 50-client, `-P 16` run.
    var baselinePipelinedRequests = 200_000
    var phases = Set(Phase.allCases)

    static let usage = """
        usage: bullpen-bench [--jobs N] [--reps N] [--tcp | --unix] [--json] [--phases LIST]
          --jobs N        jobs per queue measurement (default 20000)
          --reps N        repetitions; medians and min-max are reported (default 3)
          --tcp           loopback TCP on a free port >= 6400, for the benchmark and redis-benchmark (default)
          --unix          the server's unix socket instead, for both
          --json          print the results as JSON instead of Markdown
          --phases LIST   comma-separated subset of baseline,raw,single,bulk,cycle,bare (default all)
        """

    /// Parses the arguments after the program name.
    static func parse(_ arguments: [String]) throws(BenchError) -> BenchOptions {
        var options = BenchOptions()
        var rest = arguments[...]
        func value(_ flag: String) throws(BenchError) -> String {
            guard let next = rest.popFirst() else { throw BenchError(.usage, "\(flag) needs a value") }
            return next
        }
        func positive(_ flag: String) throws(BenchError) -> Int {
            let text = try value(flag)
            guard let number = Int(text), number > 0 else {
                throw BenchError(.usage, "\(flag) \"\(text)\": expected a whole number above 0")
            }
            return number
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--jobs": options.jobs = try positive(flag)
            case "--reps": options.reps = try positive(flag)
            case "--tcp": options.transport = .tcp
            case "--unix": options.transport = .unix
            case "--json": options.json = true
            case "--phases":
                let text = try value(flag)
                var chosen: Set<Phase> = []
                for name in text.split(separator: ",") {
                    guard let phase = Phase(rawValue: String(name)) else {
                        throw BenchError(.usage, "--phases: unknown phase \"\(name)\" (expected baseline, raw, single, bulk, cycle, bare)")
                    }
                    chosen.insert(phase)
                }
                options.phases = chosen
            case "-h", "--help": throw BenchError(.usage, "\n" + usage)
            default: throw BenchError(.usage, "unknown flag \"\(flag)\"\n" + usage)
            }
        }
        return options
    }
}
