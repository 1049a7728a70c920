/// A set of measured values (milliseconds, counts) and the figures a report gives of them.
public struct Distribution: Sendable {
    /// The values, sorted.
    public let values: [Double]

    /// The distribution of `values`.
    public init(_ values: [Double]) {
        self.values = values.sorted()
    }

    /// The value below which a fraction `p` (0...1) of the values lie; 0 when there are none.
    public func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let rank = Int((p * Double(values.count - 1)).rounded(.up))
        return values[Swift.min(Swift.max(rank, 0), values.count - 1)]
    }

    /// The largest value (0 when there are none).
    public var max: Double { values.last ?? 0 }

    /// `p50 12 ms, p99 40 ms, max 51 ms (n=100)`.
    public func summary(unit: String = "ms") -> String {
        func format(_ value: Double) -> String { value < 10 ? String(format1: value) : String(Int(value.rounded())) }
        return "p50 \(format(percentile(0.5))) \(unit), p99 \(format(percentile(0.99))) \(unit), max \(format(max)) \(unit) (n=\(values.count))"
    }
}

extension String {
    /// A number with one decimal.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }
}
