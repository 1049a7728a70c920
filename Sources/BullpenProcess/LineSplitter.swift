/// Splits a byte stream into lines (on `\n`, with a trailing `\r` removed) for a callback.
///
/// A line longer than `maxLineLength` bytes is cut to that length; the rest of it is dropped, so a
/// stream without newlines cannot make it grow without bound.
struct LineSplitter {
    let maxLineLength: Int
    private var partial: [UInt8] = []
    private var hasPartial = false

    init(maxLineLength: Int = 64 * 1024) {
        self.maxLineLength = maxLineLength
    }

    mutating func append(_ chunk: ArraySlice<UInt8>, _ emit: (String) -> Void) {
        var rest = chunk
        while let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
            add(rest[..<newline])
            emitLine(emit)
            rest = rest[rest.index(after: newline)...]
        }
        add(rest)
    }

    /// Emits the last line when the stream ended without a newline.
    mutating func finish(_ emit: (String) -> Void) {
        if hasPartial { emitLine(emit) }
    }

    private mutating func add(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        hasPartial = true
        partial.append(contentsOf: bytes.prefix(maxLineLength - partial.count))
    }

    private mutating func emitLine(_ emit: (String) -> Void) {
        if partial.last == UInt8(ascii: "\r") { partial.removeLast() }
        emit(String(decoding: partial, as: UTF8.self))
        partial.removeAll(keepingCapacity: true)
        hasPartial = false
    }
}
