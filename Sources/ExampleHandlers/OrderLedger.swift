import Foundation

/// The orders of a CSV file `date,order_id,amount_cents,currency` (a header line is optional), with the
/// lines that could not be read. Amounts are integers in the currency's minor unit; refunds are negative.
struct OrderLedger: Sendable {
    /// One order.
    struct Order: Sendable, Hashable {
        var date: String
        var id: String
        var amountCents: Int
        var currency: String
    }

    /// The orders, in file order.
    var orders: [Order] = []
    /// The 1-based line numbers of malformed rows that were skipped.
    var skippedLines: [Int] = []

    /// Parses the file's text. Blank lines are ignored; a malformed row is skipped and its line recorded.
    init(csv text: String) {
        // `isNewline` splits on LF, CRLF (one Character in Swift) and CR alike.
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            if offset == 0, line.lowercased().hasPrefix("date,") { continue }
            if let order = Self.order(line) { orders.append(order) } else { skippedLines.append(offset + 1) }
        }
    }

    /// The latest day with orders (dates are ISO, so text order is date order).
    var latestDate: String? { orders.map(\.date).max() }

    private static func order(_ line: Substring) -> Order? {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.count == 4, isISODate(fields[0]), !fields[1].isEmpty, let cents = Int(fields[2]),
              abs(cents) < 1_000_000_000_000, fields[3].count == 3, fields[3].allSatisfy({ $0.isASCII && $0.isUppercase })
        else { return nil }
        return Order(date: fields[0], id: fields[1], amountCents: cents, currency: fields[3])
    }

    /// Whether `text` is a plausible `YYYY-MM-DD` date.
    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
