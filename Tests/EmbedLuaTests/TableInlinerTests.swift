@testable import EmbedLua
import Testing

/// EmbedLua's build-time inlining of `-- @inline` tables: every read of a field becomes the field's value.
@Suite struct TableInlinerTests {
    let library = """
        -- @inline
        local K = {
          meta = KEYS[1], wait = KEYS[2], -- a comment
        }
        -- @inline
        local Q = {
          max = tonumber(ARGV[1]), on = ARGV[2] == '1',
        }
        """

    @Test func fieldReadsBecomeTheirValues() throws {
        let script = try TableInliner.inline(library + """

            redis.call('LPUSH', K.wait, 'id:' ..K.meta)
            if Q.on and Q.max > 0 then return K.meta end
            """)
        #expect(!script.contains("local K") && !script.contains("local Q") && !script.contains("@inline"))
        #expect(script.contains("redis.call('LPUSH', KEYS[2], 'id:' ..KEYS[1])"))
        #expect(script.contains("if (ARGV[2] == '1') and (tonumber(ARGV[1])) > 0 then return KEYS[1] end"))
    }

    @Test func aFieldTheTableLacksFailsTheBuild() {
        #expect(throws: TableInliner.Failure.self) { try TableInliner.inline(library + "\nreturn K.missing") }
    }

    @Test func aTableUsedWholeFailsTheBuild() {
        #expect(throws: TableInliner.Failure.self) { try TableInliner.inline(library + "\nreturn unpack(K)") }
        #expect(throws: TableInliner.Failure.self) { try TableInliner.inline(library + "\nreturn Q['max']") }
        // The name left anywhere else, even as another table's field, is refused rather than guessed at.
        #expect(throws: TableInliner.Failure.self) { try TableInliner.inline(library + "\nreturn other.K.meta") }
    }
}
