import BullpenCore
import Testing

@Suite struct JSONTextTests {
    @Test(arguments: [
        "{}", "[]", "null", "true", "false", "0", "-0.5e+10", "\"\\u00e9\\n\"", " {\"a\" : [1, {\"b\": null}] } ",
        "\"ünïcødé\"", "[[[[]]]]",
    ])
    func acceptsValidJSON(text: String) {
        #expect(JSONText.problem(in: text) == nil)
    }

    @Test(arguments: [
        ("", "unexpected end of text"),
        ("{", "unexpected end of text"),
        ("01", "unexpected character \"1\" at byte 1"),
        ("1.", "unexpected end of text"),
        ("[1 2]", "unexpected character \"2\" at byte 3"),
        ("{\"a\" 1}", "unexpected character \"1\" at byte 5"),
        ("{1: 2}", "unexpected character \"1\" at byte 1"),
        ("\"\\x\"", "unexpected character \"x\" at byte 2"),
        ("\"\\u12\"", "unexpected character \"\"\" at byte 5"),
        ("\"a\nb\"", "unexpected character \"\\u{a}\" at byte 2"),
        ("nul", "unexpected end of text"),
        ("TRUE", "unexpected character \"T\" at byte 0"),
    ])
    func rejectsInvalidJSONWithTheOffset(text: String, problem: String) {
        #expect(JSONText.problem(in: text) == problem)
    }

    @Test func limitsTheDepth() {
        let deep = String(repeating: "[", count: 5) + String(repeating: "]", count: 5)
        #expect(JSONText.problem(in: deep, maxDepth: 5) == nil)
        #expect(JSONText.problem(in: deep, maxDepth: 4) == "nested deeper than 4 levels at byte 4")
    }

    @Test(arguments: [
        ("plain", "\"plain\""),
        ("ünïcødé ✓", "\"ünïcødé ✓\""),
        ("say \"hi\"\\", "\"say \\\"hi\\\"\\\\\""),
        ("a\nb\tc\r", "\"a\\nb\\tc\\r\""),
        ("bell\u{7}del\u{7F}", "\"bell\\u0007del\\u007f\""),
    ])
    func quotesAStringAsAValidJSONLiteral(text: String, literal: String) {
        #expect(JSONText.quoted(text) == literal)
        #expect(JSONText.problem(in: literal) == nil)
    }
}
