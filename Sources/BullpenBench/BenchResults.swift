/// Everything a run measured: the setting, and every sample of every row by repetition.
struct BenchResults: Sendable, Codable {
    var jobs: Int
    var reps: Int
    var transport: String
    var redisVersion: String
    var cores: Int
    var loadAverageAtStart: String
    /// Cores used on average during the run by processes other than the benchmark and its redis-server.
    var otherCores: Double = 0
    /// Samples by `BenchRow.rawValue`, in repetition order.
    var samples: [String: [Sample]] = [:]

    /// The summary of one row, or nil when it was not measured.
    func summary(_ row: BenchRow) -> RowSummary? {
        guard let own = samples[row.rawValue], !own.isEmpty else { return nil }
        // Each repetition is divided by the baseline of the same repetition, then the median is taken.
        var ratios: [Double] = []
        if let reference = row.reference, let base = samples[reference.rawValue] {
            ratios = zip(own, base).map { $0.rate / $1.rate }
        }
        return RowSummary(
            rate: Spread(own.map(\.rate)), ratio: ratios.isEmpty ? nil : Spread(ratios),
            evalshaPerOp: Spread(own.compactMap { $0.server?.evalshaPerOp }),
            commandsPerOp: Spread(own.compactMap { $0.server?.commandsPerOp }),
            readsPerOp: Spread(own.compactMap { $0.server?.readsPerOp }),
            serverMicrosPerOp: Spread(own.compactMap { $0.server?.serverMicrosPerOp }),
            clientCPUMicrosPerOp: Spread(own.compactMap(\.clientCPUMicrosPerOp)))
    }
}

/// A row's medians (and min–max) over the repetitions.
struct RowSummary: Sendable, Codable {
    var rate: Spread?
    var ratio: Spread?
    var evalshaPerOp: Spread?
    var commandsPerOp: Spread?
    var readsPerOp: Spread?
    var serverMicrosPerOp: Spread?
    var clientCPUMicrosPerOp: Spread?
}

/// The median and range of some values.
struct Spread: Sendable, Codable {
    var median: Double
    var min: Double
    var max: Double

    /// Nil for no values.
    init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        min = sorted[0]
        max = sorted[sorted.count - 1]
    }
}
