import Testing

@testable import BullpenProcess

/// Feeds `chunks` (strings, as bytes) to a fresh buffer through `append`.
private func feed<B>(_ buffer: B, _ chunks: [String], _ append: (inout B, ArraySlice<UInt8>) -> Void) -> B {
    var buffer = buffer
    for chunk in chunks { append(&buffer, Array(chunk.utf8)[...]) }
    return buffer
}

@Suite struct OutputBufferTests {
    @Test(arguments: [
        (["abc", "def"], 4, "abcd", true),
        (["abc", "d"], 4, "abcd", false),
        (["ab"], 4, "ab", false),
        (["ab"], 0, "", true),
    ])
    func headKeepsTheFirstBytes(chunks: [String], limit: Int, kept: String, truncated: Bool) {
        let head = feed(HeadBuffer(limit: limit), chunks) { $0.append($1) }
        #expect(String(decoding: head.bytes, as: UTF8.self) == kept)
        #expect(head.truncated == truncated)
    }

    @Test(arguments: [
        (["abc", "def"], 4, "cdef", true),
        (["ab", "cd"], 4, "abcd", false),
        (["abcdefgh"], 4, "efgh", true),
        (["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"], 3, "hij", true),
        (["abcd"], 4, "abcd", false),
        (["ab"], 0, "", true),
    ])
    func tailKeepsTheLastBytes(chunks: [String], limit: Int, kept: String, truncated: Bool) {
        let tail = feed(TailBuffer(limit: limit), chunks) { $0.append($1) }
        #expect(String(decoding: tail.bytes, as: UTF8.self) == kept)
        #expect(tail.truncated == truncated)
    }

    @Test(arguments: [
        (["progress: 1\nprog", "ress: 2\n"], ["progress: 1", "progress: 2"]),
        (["a\r\nb\n\n"], ["a", "b", ""]),
        (["tail without newline"], ["tail without newline"]),
        (["0123456789\n"], ["01234"]),
        (["0123", "456789", "\nok\n"], ["01234", "ok"]),
    ])
    func splitsLines(chunks: [String], lines: [String]) {
        var splitter = LineSplitter(maxLineLength: 5)
        var emitted: [String] = []
        for chunk in chunks { splitter.append(Array(chunk.utf8)[...]) { emitted.append($0) } }
        splitter.finish { emitted.append($0) }
        #expect(emitted == lines.map { $0.count > 5 ? String($0.prefix(5)) : $0 })
    }
}
