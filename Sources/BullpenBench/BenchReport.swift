import Foundation

/// Renders `BenchResults` as a Markdown table (or JSON) with the ratios and the issue's targets.
struct BenchReport {
    let results: BenchResults

    func markdown() -> String {
        var lines = [
            "Bullpen core benchmark: N=\(results.jobs) jobs, reps=\(results.reps) (median (min–max)); Redis \(results.redisVersion) "
                + "over \(results.transport); \(results.cores) cores; load average at start \(results.loadAverageAtStart); "
                + "other processes used \(Self.format(results.otherCores, digits: 2)) cores on average during the run.",
            "",
            "| measure | ops/s | ratio | target | met | EVALSHA/op | cmds/op | reads/op | server µs/op | client CPU µs/op |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for row in BenchRow.allCases {
            guard let summary = results.summary(row) else { continue }
            let reference = row.reference.map { $0 == .baselineSingle ? " (÷ 1 client)" : " (÷ 50c P16)" } ?? ""
            let ratio = summary.ratio.map { Self.format($0, digits: 2) + reference } ?? "–"
            lines.append("| \(row.label) | \(summary.rate.map { Self.format($0, digits: 0) } ?? "–") | \(ratio) | "
                + "\(row.target?.text ?? "–") | \(Self.verdict(row, summary)) | "
                + [summary.evalshaPerOp, summary.commandsPerOp, summary.readsPerOp].map { $0.map { Self.format($0.median, digits: 3) } ?? "–" }
                    .joined(separator: " | ")
                + " | \(summary.serverMicrosPerOp.map { Self.format($0.median, digits: 1) } ?? "–")"
                + " | \(summary.clientCPUMicrosPerOp.map { Self.format($0.median, digits: 1) } ?? "–") |")
        }
        lines += [
            "",
            "ratio = this row's ops/s ÷ the redis-benchmark EVALSHA rate of the same repetition, median over repetitions. "
                + "EVALSHA/op ≈ client round trips per operation; cmds/op counts commands run inside Lua too; "
                + "server µs/op = cmdstat_evalsha usec per operation; client CPU = this process, all threads.",
        ]
        return lines.joined(separator: "\n")
    }

    func json() throws -> String {
        var summaries: [String: RowSummary] = [:]
        for row in BenchRow.allCases { summaries[row.rawValue] = results.summary(row) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let document = Document(results: results, summary: summaries)
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    private struct Document: Codable {
        var results: BenchResults
        var summary: [String: RowSummary]
    }

    private static func verdict(_ row: BenchRow, _ summary: RowSummary) -> String {
        switch row.target {
        case .none: return "–"
        case .minRatio(let minimum): return summary.ratio.map { $0.median >= minimum ? "yes" : "**no**" } ?? "?"
        case .maxEvalshaPerOp(let maximum): return summary.evalshaPerOp.map { $0.median <= maximum ? "yes" : "**no**" } ?? "?"
        }
    }

    private static func format(_ spread: Spread, digits: Int) -> String {
        "\(format(spread.median, digits: digits)) (\(format(spread.min, digits: digits))–\(format(spread.max, digits: digits)))"
    }

    private static func format(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
