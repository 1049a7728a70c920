// bullpen-bench: single add, bulk add and take-and-complete cycles per second on one connection, next to
// what redis-benchmark reaches for EVALSHA of a one-line script on the same private server in the same run.
import Glibc

do {
    let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    let results = try await BenchRun(options: options).run()
    let report = BenchReport(results: results)
    print(options.json ? try report.json() : report.markdown())
} catch let error as BenchError where error.code == .usage {
    Log.line(error.message)
    exit(2)
} catch {
    Log.line("bullpen-bench: \(error)")
    exit(1)
}
