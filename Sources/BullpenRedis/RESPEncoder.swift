/// Commands encoded in RESP, the Redis wire format, in one byte buffer that hiredis sends as it is
/// (`redisAppendFormattedCommand`).
///
/// Why not hiredis's own `redisAppendCommandArgv`: it formats each argument's length with `sdscatfmt` and
/// wants the arguments as C pointers, so every argument was copied twice and its header formatted slowly.
/// A bulk add of 1,000 jobs has 7,000 arguments; this encoder copies each once, straight from the string,
/// and hiredis copies the finished buffer into its output buffer.
struct RESPEncoder {
    /// The encoded commands.
    private(set) var bytes: [UInt8] = []

    /// Creates an empty buffer with room for about `capacity` bytes.
    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends one command (`*<count>` then `$<length>` and the bytes of each argument).
    mutating func append(_ command: [String]) {
        appendHeader(UInt8(ascii: "*"), command.count)
        for argument in command {
            let copied: Void? = argument.utf8.withContiguousStorageIfAvailable { utf8 in
                appendHeader(UInt8(ascii: "$"), utf8.count)
                bytes.append(contentsOf: utf8)
            }
            if copied == nil {
                // A bridged or otherwise non-contiguous string: copy it out first.
                let utf8 = Array(argument.utf8)
                appendHeader(UInt8(ascii: "$"), utf8.count)
                bytes.append(contentsOf: utf8)
            }
            bytes.append(13)
            bytes.append(10)
        }
    }

    /// Appends `<marker><decimal count>\r\n`.
    private mutating func appendHeader(_ marker: UInt8, _ count: Int) {
        bytes.append(marker)
        // Digits from the highest: no intermediate string.
        var divisor = 1
        while divisor <= count / 10 { divisor *= 10 }
        var rest = count
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
        bytes.append(13)
        bytes.append(10)
    }

    /// Calls `body` with the encoded bytes (never empty after an `append`).
    func withBytes<R>(_ body: (UnsafePointer<CChar>, Int) -> R) -> R {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in body(chars.baseAddress!, chars.count) }
        }
    }
}
