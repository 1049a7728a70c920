import Glibc

/// Routes the commands other than `work`, and turns their errors into a line on standard error and exit
/// status 1 (the driver shows the tail of standard error).
enum AdapterCommand {
    static let usage = "usage: bullpen-peer-adapter info | enqueue N [--bulk] [--rate R] | "
        + "work [--processes P] [--concurrency C] [--inline] | work-child [--concurrency C] [--inline]"

    static func run(_ arguments: [String]) async -> Int32 {
        do {
            switch arguments.first {
            case "info":
                try AdapterOutput.line(AdapterInfo.current(BenchEnvironment.current()).json())
            case "enqueue":
                let options = try EnqueueOptions(Array(arguments.dropFirst()))
                let result = try await Enqueuer(environment: BenchEnvironment.current()).run(options)
                AdapterOutput.line(result.json)
            case "work-child":
                let options = try WorkOptions(Array(arguments.dropFirst()), command: "work-child")
                try await WorkChild.run(concurrency: options.concurrency, inline: options.inline, environment: BenchEnvironment.current())
            default:
                throw AdapterError(.usage, arguments.first.map { "unknown command \"\($0)\"; \(usage)" } ?? usage)
            }
            return 0
        } catch {
            AdapterOutput.error(error)
            return 1
        }
    }
}
