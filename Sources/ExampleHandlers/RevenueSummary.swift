/// What a `reports` job returns: `{"date": "2026-11-29", "orders": 41, "totals": {"EUR": 123456}, ...}`.
public struct RevenueSummary: Codable, Sendable, Hashable {
    /// The day.
    public var date: String
    /// Orders that day.
    public var orders: Int
    /// Revenue per currency, in minor units (cents).
    public var totals: [String: Int]
    /// The report file written.
    public var report: String

    /// The report's text: one line per currency, amounts in major units.
    var text: String {
        var lines = ["Daily revenue for \(date)", "orders: \(orders)"]
        for currency in totals.keys.sorted() {
            lines.append("\(currency) \(Self.format(cents: totals[currency] ?? 0))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `123456` as `1234.56`, `-5` as `-0.05`.
    static func format(cents: Int) -> String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(cents < 0 ? "-" : "")\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
