import Yams

/// A topology file composed into Yams nodes, with positions that point into the text as written.
///
/// Yams refuses a mapping with a duplicate key and names only the first one. So that a file with a queue
/// defined twice still gets every other problem reported, and both lines of the duplicate, the first
/// occurrence is renamed in a copy of the text (a marker prefix inserted at its position) and the text
/// composed again. The last occurrence wins; positions are mapped back through the insertions.
struct YAMLDocument {
    /// A file that is not YAML, with the position of the problem in the text as written.
    struct SyntaxFailure: Error {
        let line: Int
        let column: Int
        let message: String
    }

    /// One marker inserted into the text: at `column` of `line` (after earlier insertions), `length` scalars.
    private struct Insertion {
        let line: Int
        let column: Int
        let length: Int
    }

    /// The prefix of a renamed duplicate key: `bullpen-duplicate-<n>-<original key>`.
    static let marker = "bullpen-duplicate-"

    /// The root node; nil for an empty file.
    let root: Node?
    private let insertions: [Insertion]

    /// Composes `yaml`, renaming duplicate keys as described above.
    static func compose(_ yaml: String) throws(SyntaxFailure) -> YAMLDocument {
        var text = yaml
        var insertions: [Insertion] = []
        // Each pass renames one duplicate, so the passes are bounded by the number of keys.
        for pass in 0..<10_000 {
            do {
                let root = try Yams.compose(yaml: text)
                return YAMLDocument(root: root, insertions: insertions)
            } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
                let prefix = "\(marker)\(pass)-"
                guard let (renamed, column) = insert(prefix, into: text, at: context.mark) else {
                    let position = original(context.mark.line, context.mark.column, insertions)
                    throw SyntaxFailure(
                        line: position.line, column: position.column,
                        message: "duplicate key \"\(duplicates.first ?? "")\"")
                }
                text = renamed
                insertions.append(Insertion(line: context.mark.line, column: column, length: prefix.unicodeScalars.count))
            } catch let error as YamlError {
                throw failure(error, yaml: yaml, insertions: insertions)
            } catch {
                throw SyntaxFailure(line: 0, column: 0, message: "invalid YAML: \(error)")
            }
        }
        throw SyntaxFailure(line: 0, column: 0, message: "too many duplicate keys")
    }

    /// The line and column of `mark` in the text as written (0, 0 without a mark).
    func position(of mark: Mark?) -> (line: Int, column: Int) {
        guard let mark else { return (0, 0) }
        return Self.original(mark.line, mark.column, insertions)
    }

    /// A key as written, and whether this occurrence was renamed as an earlier duplicate.
    static func originalKey(_ key: String) -> (key: String, renamed: Bool) {
        guard key.hasPrefix(marker) else { return (key, false) }
        let rest = key.dropFirst(marker.count).drop { ("0"..."9").contains($0) }
        guard rest.hasPrefix("-") else { return (key, false) }
        return (String(rest.dropFirst()), true)
    }

    private static func original(_ line: Int, _ column: Int, _ insertions: [Insertion]) -> (line: Int, column: Int) {
        var column = column
        // Undo the insertions last to first: each one's column is in the text after the earlier ones.
        for insertion in insertions.reversed() where insertion.line == line && column > insertion.column {
            column -= insertion.length
        }
        return (line, column)
    }

    /// Inserts `prefix` into the key scalar at `mark` (inside its quotes, after any anchor or tag),
    /// returning the new text and the column of the insertion.
    private static func insert(_ prefix: String, into text: String, at mark: Mark) -> (String, Int)? {
        var scalars = Array(text.unicodeScalars)
        var line = 1
        var index = 0
        while line < mark.line, index < scalars.count {
            if scalars[index] == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
            if scalars[index] == "\n" || scalars[index] == "\r" { line += 1 }
            index += 1
        }
        let lineStart = index
        index += mark.column - 1
        // Skip node properties (`&anchor`, `!tag`) and the spaces after them.
        while index < scalars.count, scalars[index] == "&" || scalars[index] == "!" {
            while index < scalars.count, scalars[index] != " " { index += 1 }
            while index < scalars.count, scalars[index] == " " { index += 1 }
        }
        guard line == mark.line, index < scalars.count, scalars[index] != "\n" else { return nil }
        if scalars[index] == "\"" || scalars[index] == "'" { index += 1 }
        scalars.insert(contentsOf: prefix.unicodeScalars, at: index)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return (String(view), index - lineStart + 1)
    }

    private static func failure(_ error: YamlError, yaml: String, insertions: [Insertion]) -> SyntaxFailure {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let position = original(mark.line, mark.column, insertions)
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            let text = position.line >= 1 && position.line <= lines.count
                ? lines[position.line - 1].trimmingCharacters(in: " \r\t") : ""
            if context?.text.contains("single document") == true {
                return SyntaxFailure(
                    line: position.line, column: position.column,
                    message: "invalid YAML: a second document starts here (a topology file holds one)")
            }
            let while_ = context.map { ", \($0.text) from line \($0.mark.line)" } ?? ""
            let near = text.isEmpty ? "" : " near \"\(text)\""
            let lineText = position.line >= 1 && position.line <= lines.count ? lines[position.line - 1] : ""
            let tabs = lineText.prefix { $0 == " " || $0 == "\t" }.contains("\t") ? " (YAML indents with spaces, not tabs)" : ""
            return SyntaxFailure(
                line: position.line, column: position.column,
                message: "invalid YAML: \(problem)\(while_)\(near)\(tabs)")
        case .reader(let problem, _, _, _):
            return SyntaxFailure(line: 0, column: 0, message: "cannot read the file as text: \(problem)")
        default:
            return SyntaxFailure(line: 0, column: 0, message: "invalid YAML: \(error)")
        }
    }
}

extension Substring {
    /// The text without the given leading and trailing characters.
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
