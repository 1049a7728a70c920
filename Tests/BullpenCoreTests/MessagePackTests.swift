@testable import BullpenCore
import Testing

/// The reader of the records scripts store with `cmsgpack` (checked end to end in LeaseRecordTests; these
/// pin the encodings one by one).
@Suite struct MessagePackTests {
    @Test(arguments: [
        ([0x07], MessagePack.int(7)), ([0xff], .int(-1)), ([0xcc, 0xc8], .int(200)), ([0xcd, 0x01, 0x00], .int(256)),
        ([0xd0, 0x80], .int(-128)), ([0xd1, 0xff, 0x00], .int(-256)),
        ([0xcf, 0x00, 0x00, 0x01, 0x9a, 0xd3, 0xc6, 0x9c, 0x00], .int(1_764_489_600_000)),
        ([0xd3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe], .int(-2)),
        ([0xcb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0], .double(1.5)), ([0xca, 0x3f, 0xc0, 0, 0], .double(1.5)),
        ([0xc0], .null), ([0xc2], .bool(false)), ([0xc3], .bool(true)),
        ([0xa2, 0x68, 0x69], .string("hi")), ([0xd9, 0x02, 0x68, 0x69], .string("hi")),
        ([0x92, 0x01, 0xa1, 0x78], .array([.int(1), .string("x")])), ([0x90], .array([])),
        ([0x81, 0xa1, 0x6e, 0xa1, 0x61], .map(["n": .string("a")])),
    ] as [([UInt8], MessagePack)])
    func eachEncodingReads(bytes: [UInt8], value: MessagePack) {
        #expect(MessagePack.decode(bytes) == value)
    }

    @Test(arguments: [
        [], [0xa3, 0x61], [0x92, 0x01], [0xcd, 0x01], [0xc1], [0x81, 0x01, 0x02], [0x01, 0x02],
        [0xdd, 0xff, 0xff, 0xff, 0xff], Array(repeating: 0x91, count: 40) + [0x01],
    ] as [[UInt8]])
    func malformedBytesAreRefused(bytes: [UInt8]) {
        #expect(MessagePack.decode(bytes) == nil)
    }
}
