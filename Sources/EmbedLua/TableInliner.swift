import Foundation

/// Inlines a script's constant tables. A top-level table marked with a `-- @inline` line right above it,
///
///     -- @inline
///     local K = {
///       meta = KEYS[1], wait = KEYS[2],
///     }
///
/// is taken out of the text, and each `K.meta` of the script becomes the field's expression (`KEYS[1]`;
/// any other expression in parentheses). Redis runs a script's whole text on every call, and building the
/// key table (18 fields) and the settings table cost about 15,000 instructions a call, more than a
/// `redis.call`; a field read through `KEYS` costs a few hundred.
///
/// A field the table does not have is an error, as is a table whose fields cannot be read.
enum TableInliner {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `script` with its `@inline` tables inlined.
    static func inline(_ script: String) throws -> String {
        var lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var tables: [(name: String, fields: [String: String])] = []
        while let marker = lines.firstIndex(where: { $0.hasPrefix("-- @inline") }) {
            guard marker + 1 < lines.count, let name = tableName(lines[marker + 1]),
                let end = lines[(marker + 1)...].firstIndex(of: "}")
            else { throw Failure(description: "@inline must stand right above `local NAME = {` ... `}` (line \(marker + 1))") }
            // Comments (`--` to the end of a line) are no part of a field's value.
            let body = lines[(marker + 1)...end].map { line in
                line.range(of: "--").map { String(line[..<$0.lowerBound]) } ?? line
            }.joined(separator: "\n")
            let open = body.firstIndex(of: "{")!
            tables.append((name, try fields(String(body[body.index(after: open)..<body.lastIndex(of: "}")!]), table: name)))
            lines.removeSubrange(marker...end)
        }
        var text = lines.joined(separator: "\n")
        for table in tables {
            text = try replace(table.name, fields: table.fields, in: text)
            // Any use left (the table passed whole, or indexed with brackets) would be an undefined global.
            if LibraryShaker.identifiers(in: text).contains(table.name) {
                throw Failure(description: "table \(table.name) is used other than as \(table.name).field, which cannot be inlined")
            }
        }
        return text
    }

    /// `NAME` of a line `local NAME = {`.
    private static func tableName(_ line: String) -> String? {
        guard line.hasPrefix("local "), line.hasSuffix("{") else { return nil }
        let parts = line.dropFirst("local ".count).dropLast().split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, parts[1].isEmpty, let name = parts.first, !name.isEmpty, name.allSatisfy(isIdentifier) else { return nil }
        return name
    }

    /// The `field = expression` entries of a table constructor's body, split at top-level commas.
    private static func fields(_ body: String, table: String) throws -> [String: String] {
        var entries: [String] = []
        var current = ""
        var depth = 0
        for character in body {
            if "([{".contains(character) { depth += 1 }
            if ")]}".contains(character) { depth -= 1 }
            if character == "," && depth == 0 {
                entries.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        entries.append(current)
        var fields: [String: String] = [:]
        for entry in entries.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where !entry.isEmpty {
            guard let equals = entry.firstIndex(of: "=") else { throw Failure(description: "table \(table): no `field = value` in `\(entry)`") }
            let field = entry[..<equals].trimmingCharacters(in: .whitespaces)
            let value = entry[entry.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !field.isEmpty, field.allSatisfy(isIdentifier), !value.isEmpty else {
                throw Failure(description: "table \(table): cannot read the entry `\(entry)`")
            }
            // `KEYS[1]` stands as it is; anything else keeps its meaning in parentheses.
            let simple = value.allSatisfy { isIdentifier($0) || $0 == "[" || $0 == "]" }
            fields[field] = simple ? value : "(\(value))"
        }
        return fields
    }

    /// Replaces every `NAME.field` (not part of a longer name) with the field's expression.
    private static func replace(_ name: String, fields: [String: String], in text: String) throws -> String {
        var output = ""
        var rest = Substring(text)
        let prefix = name + "."
        while let range = rest.range(of: prefix) {
            let before = range.lowerBound == rest.startIndex ? output.last : rest[rest.index(before: range.lowerBound)]
            output += rest[..<range.lowerBound]
            let field = rest[range.upperBound...].prefix(while: isIdentifier)
            // `a.K.meta` is another table's field; `'x'..K.meta` is a concatenation, and inlined.
            let concatenated = before == "." && output.hasSuffix("..")
            if let before, isIdentifier(before) || (before == "." && !concatenated) {
                output += prefix
                rest = rest[range.upperBound...]
                continue
            }
            guard let value = fields[String(field)] else {
                throw Failure(description: "\(name).\(field): table \(name) has no field \"\(field)\"")
            }
            output += value
            rest = rest[field.endIndex...]
        }
        return output + rest
    }

    private static func isIdentifier(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }
}
