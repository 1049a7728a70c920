@testable import BullpenCore
import Testing

/// The readers of stored job records: MessagePack as scripts store it with `cmsgpack`, and flat JSON as
/// `add` writes it (both checked end to end in LeaseRecordTests; these pin the encodings one by one).
@Suite struct StoredValueTests {
    @Test(arguments: [
        ([0x07], StoredValue.int(7)), ([0xff], .int(-1)), ([0xcc, 0xc8], .int(200)), ([0xcd, 0x01, 0x00], .int(256)),
        ([0xd0, 0x80], .int(-128)), ([0xd1, 0xff, 0x00], .int(-256)),
        ([0xcf, 0x00, 0x00, 0x01, 0x9a, 0xd3, 0xc6, 0x9c, 0x00], .int(1_764_489_600_000)),
        ([0xd3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe], .int(-2)),
        ([0xcb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0], .double(1.5)), ([0xca, 0x3f, 0xc0, 0, 0], .double(1.5)),
        ([0xc0], .null), ([0xc2], .bool(false)), ([0xc3], .bool(true)),
        ([0xa2, 0x68, 0x69], .string("hi")), ([0xd9, 0x02, 0x68, 0x69], .string("hi")),
        ([0x92, 0x01, 0xa1, 0x78], .array([.int(1), .string("x")])), ([0x90], .array([])),
        ([0x81, 0xa1, 0x6e, 0xa1, 0x61], .map(["n": .string("a")])),
    ] as [([UInt8], StoredValue)])
    func eachEncodingReads(bytes: [UInt8], value: StoredValue) {
        #expect(StoredValue.decode(messagePack: bytes) == value)
    }

    @Test(arguments: [
        [], [0xa3, 0x61], [0x92, 0x01], [0xcd, 0x01], [0xc1], [0x81, 0x01, 0x02], [0x01, 0x02],
        [0xdd, 0xff, 0xff, 0xff, 0xff], Array(repeating: 0x91, count: 40) + [0x01],
    ] as [[UInt8]])
    func malformedBytesAreRefused(bytes: [UInt8]) {
        #expect(StoredValue.decode(messagePack: bytes) == nil)
    }

    @Test(arguments: [
        (#"{}"#, StoredValue.map([:])),
        (#" { "n" : "a" , "ts":1764489600123,"p":-2,"x":1.5,"e":1e3,"b":true,"f":false,"z":null } "#,
         .map(["n": .string("a"), "ts": .int(1_764_489_600_123), "p": .int(-2), "x": .double(1.5), "e": .double(1000),
               "b": .bool(true), "f": .bool(false), "z": .null])),
        (#"{"o":"{\"jobId\":\"a\\b\"}","s":"tab\there \u00e9 \ud83d\ude00 \/"}"#,
         .map(["o": .string(#"{"jobId":"a\b"}"#), "s": .string("tab\there é 😀 /")])),
        (#"{"stk":["a","b"],"none":[]}"#, .map(["stk": .array([.string("a"), .string("b")]), "none": .array([])])),
        (#"{"n":"x","stk":{}}"#, .map(["n": .string("x"), "stk": .map([:])])),
    ] as [(String, StoredValue)])
    func flatJSONReads(text: String, value: StoredValue) {
        #expect(StoredValue.decode(flatJSON: Array(text.utf8)) == value)
    }

    @Test(arguments: [
        #""#, #"{"#, #"{"a":}"#, #"{"a":1,}"#, #"{"a":{"b":1}}"#, #"{"a":[[1]]}"#, #"{"a":"b"} x"#, #"{"a":"\x"}"#,
        "{\"a\":\"line\nbreak\"}", #"{a:1}"#, #"{"a":tru}"#, #"[1]"#,
    ])
    func anythingButAFlatObjectIsRefused(text: String) {
        #expect(StoredValue.decode(flatJSON: Array(text.utf8)) == nil)
    }
}
