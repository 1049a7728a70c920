import BullpenWorker
import Foundation
import Testing

/// A handler's result as the job's return value: the common types take a short path, which must give the
/// same JSON as `JSONEncoder`.
@Suite struct JSONValueTests {
    /// The value the text stands for, compared as parsed JSON.
    func parsed(_ text: String) throws -> NSObject {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) as! NSObject
    }

    func expectSameAsEncoder(_ value: some Encodable) throws {
        let text = try JSONValue(encoding: value).text
        let encoded = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        #expect(try parsed(text) == parsed(encoded), "\(value): \(text) vs \(encoded)")
    }

    @Test func scalarsEncodeAsJSONEncoderWould() throws {
        try expectSameAsEncoder(42)
        try expectSameAsEncoder(-7 as Int64)
        try expectSameAsEncoder(true)
        try expectSameAsEncoder(false)
        try expectSameAsEncoder("plain")
        try expectSameAsEncoder("quote \" backslash \\ slash / tab \t newline \n bell \u{7} ünïcødé 😀")
        try expectSameAsEncoder(["a": [1, 2]])
    }

    @Test func jsonTextPassesThroughUnchanged() throws {
        #expect(try JSONValue(encoding: JSONValue(json: #"{"b":1,"a":2}"#)).text == #"{"b":1,"a":2}"#)
    }
}
