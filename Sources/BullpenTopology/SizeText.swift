/// Reads and writes sizes in bytes as the topology file spells them: `512KiB`, `1MB`, `100B`.
///
/// Units are `B`, `KB`, `MB`, `GB` (powers of 1000) and `KiB`, `MiB`, `GiB` (powers of 1024). A bare
/// number is an error, as for durations: the unit is where mistakes hide.
public enum SizeText {
    /// The units with their size in bytes, in the order the error message lists them.
    static let units: [(symbol: String, bytes: Int64)] = [
        ("B", 1), ("KB", 1_000), ("KiB", 1_024), ("MB", 1_000_000), ("MiB", 1_048_576),
        ("GB", 1_000_000_000), ("GiB", 1_073_741_824),
    ]

    /// Parses `text` (e.g. `"512MiB"`) into bytes.
    ///
    /// - Throws: ``ValueSyntaxError`` with code ``ValueSyntaxError/Code/invalidSize`` naming the text.
    public static func parse(_ text: String) throws(ValueSyntaxError) -> Int64 {
        let digits = text.prefix { ("0"..."9").contains($0) }
        let symbol = text.dropFirst(digits.count)
        guard !digits.isEmpty, let unit = units.first(where: { $0.symbol == symbol }) else {
            throw ValueSyntaxError(
                .invalidSize, text: text,
                message: "invalid size \"\(text)\" (expected a number with B, KB, KiB, MB, MiB, GB or GiB)")
        }
        guard let count = Int64(digits) else { throw tooLarge(text) }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: unit.bytes)
        guard !overflow else { throw tooLarge(text) }
        return bytes
    }

    /// Formats bytes with the largest unit that divides them exactly, binary units first:
    /// `524288` → `512KiB`, `1000000` → `1MB`, `1500` → `1500B`.
    public static func format(_ bytes: Int64) -> String {
        guard bytes > 0 else { return "\(bytes)B" }
        for symbol in ["GiB", "MiB", "KiB", "GB", "MB", "KB"] {
            let size = units.first { $0.symbol == symbol }!.bytes
            if bytes % size == 0 { return "\(bytes / size)\(symbol)" }
        }
        return "\(bytes)B"
    }

    private static func tooLarge(_ text: String) -> ValueSyntaxError {
        ValueSyntaxError(.invalidSize, text: text, message: "invalid size \"\(text)\" (too large)")
    }
}
