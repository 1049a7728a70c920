import Foundation

/// Keeps of a library only the definitions a script uses. A script runs its whole text on every call, and
/// each `local function` costs Redis a closure (and its garbage) per call: `add` paid for the 23 helpers
/// of `_queue` where it uses 6.
///
/// A definition is a top-level `local function NAME` or `local NAME =` (at column 0) with the comment lines
/// right above it, up to the next definition; the rest of the text before the first one (the header) is
/// always kept.
/// A definition is used when its name appears as a word in the script or in a definition already used.
enum LibraryShaker {
    struct Definition {
        var name: String
        var lines: [Substring]
    }

    /// The library's text with the definitions not reachable from `roots` left out.
    static func shake(_ library: String, roots: Set<String>) -> String {
        let (header, definitions) = split(library)
        var used = Set<String>()
        var pending = definitions.filter { roots.contains($0.name) }.map(\.name)
        while let name = pending.popLast() {
            guard used.insert(name).inserted, let definition = definitions.first(where: { $0.name == name }) else { continue }
            let words = identifiers(in: definition.lines.joined(separator: "\n"))
            pending += definitions.map(\.name).filter { words.contains($0) && !used.contains($0) }
        }
        let kept = definitions.filter { used.contains($0.name) }.flatMap(\.lines)
        return (header + kept).joined(separator: "\n")
    }

    /// Every identifier-like word of `text`, comments (`--` to the end of a line) left out.
    static func identifiers(in text: String) -> Set<String> {
        var words = Set<String>()
        var current = ""
        let code = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.range(of: "--").map { line[..<$0.lowerBound] } ?? line
        }.joined(separator: "\n")
        for character in code {
            if character.isLetter || character.isNumber || character == "_" {
                current.append(character)
            } else if !current.isEmpty {
                words.insert(current)
                current = ""
            }
        }
        if !current.isEmpty { words.insert(current) }
        return words
    }

    private static func split(_ library: String) -> (header: [Substring], definitions: [Definition]) {
        var header: [Substring] = []
        var definitions: [Definition] = []
        var comments: [Substring] = []
        for line in library.split(separator: "\n", omittingEmptySubsequences: false) {
            if let name = definedName(line) {
                definitions.append(Definition(name: name, lines: comments + [line]))
                comments = []
            } else if line.hasPrefix("--") {
                // A comment block belongs to the definition that follows it.
                comments.append(line)
            } else {
                let pending = comments + [line]
                comments = []
                if definitions.isEmpty { header += pending } else { definitions[definitions.count - 1].lines += pending }
            }
        }
        if definitions.isEmpty { header += comments } else { definitions[definitions.count - 1].lines += comments }
        return (header, definitions)
    }

    /// The name a top-level line defines: `local function NAME(` or `local NAME =`.
    private static func definedName(_ line: Substring) -> String? {
        for prefix in ["local function ", "local "] where line.hasPrefix(prefix) {
            let name = line.dropFirst(prefix.count).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !name.isEmpty { return String(name) }
        }
        return nil
    }
}
