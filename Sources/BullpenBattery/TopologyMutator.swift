/// Makes broken variants of a topology file, reproducibly from a seed: one edit each (a character
/// deleted, a YAML-significant character inserted, a line duplicated or a line's indentation changed).
struct TopologyMutator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    }

    /// `count` mutants of `text`.
    mutating func mutants(of text: String, count: Int) -> [String] {
        (0..<count).map { _ in mutate(text) }
    }

    private mutating func mutate(_ text: String) -> String {
        var characters = Array(text)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch next(4) {
        case 0:
            characters.remove(at: next(characters.count))
            return String(characters)
        case 1:
            let inserted: [Character] = [":", "{", "}", "[", "]", "-", "#", "\"", "'", " ", "a", "9", "\n", "\t", "&", "*", "!", "|"]
            characters.insert(inserted[next(inserted.count)], at: next(characters.count + 1))
            return String(characters)
        case 2:
            let line = next(lines.count)
            lines.insert(lines[line], at: line)
            return lines.joined(separator: "\n")
        default:
            let line = next(lines.count)
            let indented = lines[line].hasPrefix(" ")
            lines[line] = indented && next(2) == 0 ? String(lines[line].drop(while: { $0 == " " })) : "  " + lines[line]
            return lines.joined(separator: "\n")
        }
    }

    /// A number in 0..<bound (xorshift64*).
    private mutating func next(_ bound: Int) -> Int {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return Int((state &* 0x2545_F491_4F6C_DD1D) % UInt64(max(bound, 1)))
    }
}
