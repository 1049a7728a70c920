import Yams

/// Reads a composed topology file into ``Topology`` values, collecting every problem on the way.
///
/// Each reader method returns nil for a missing or bad value (after reporting the bad one), so callers
/// fall back to the default and keep going: one pass finds every problem in the file.
struct TopologyDecoder {
    /// The file name used in issues.
    let file: String
    /// The composed file.
    let document: YAMLDocument
    /// The problems found so far.
    private(set) var issues: [TopologyIssue] = []

    init(file: String, document: YAMLDocument) {
        self.file = file
        self.document = document
    }

    /// Records a problem at `node`'s position.
    mutating func report(_ code: TopologyIssue.Code, _ path: SettingPath, at node: Node?, _ message: String) {
        let position = document.position(of: node?.mark)
        issues.append(TopologyIssue(
            file: file, path: path.description, line: position.line, column: position.column,
            code: code, message: message))
    }

    /// The entries of the mapping `node`, reporting keys not in `allowed` (nil allows any key).
    /// `misplaced` maps keys that belong elsewhere to where they belong, for a better hint.
    /// A null node reads as an empty mapping; anything else that is not a mapping is reported.
    /// With `extensions`, keys starting with `x-` are skipped: a place for YAML anchors to reuse.
    mutating func fields(
        _ node: Node, _ path: SettingPath, allowed: [String]?, misplaced: [String: String] = [:],
        extensions: Bool = false
    ) -> MappingFields? {
        if node.isNull { return MappingFields(path: path, node: node, entries: []) }
        guard case .mapping(let mapping) = node else {
            report(.wrongType, path, at: node, "expected a mapping, got \(describe(node))")
            return nil
        }
        var entries: [MappingFields.Entry] = []
        var merged: [MappingFields.Entry] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                report(.wrongType, path, at: keyNode, "expected a key, got \(describe(keyNode))")
                continue
            }
            if keyNode.tagName == .merge {
                merged += mergeEntries(value, path)
                continue
            }
            let (key, renamed) = YAMLDocument.originalKey(scalar.string)
            // An earlier duplicate: reported once by `reportDuplicateKeys`, the last occurrence wins.
            if renamed || (extensions && key.hasPrefix("x-")) { continue }
            if let allowed, !allowed.contains(key) {
                reportUnknownKey(key, at: keyNode, path.child(key), allowed: allowed, misplaced: misplaced)
                continue
            }
            entries.append(.init(key: key, keyNode: keyNode, value: value))
        }
        // `<<: *base` fills in what the mapping does not say itself.
        for entry in merged where !entries.contains(where: { $0.key == entry.key }) {
            if let allowed, !allowed.contains(entry.key) {
                reportUnknownKey(entry.key, at: entry.keyNode, path.child(entry.key), allowed: allowed, misplaced: misplaced)
                continue
            }
            entries.append(entry)
        }
        return MappingFields(path: path, node: node, entries: entries)
    }

    private mutating func mergeEntries(_ value: Node, _ path: SettingPath) -> [MappingFields.Entry] {
        let sources: [Node] = if case .sequence(let sequence) = value { Array(sequence) } else { [value] }
        var entries: [MappingFields.Entry] = []
        for source in sources {
            guard case .mapping(let mapping) = source else {
                report(.wrongType, path.child("<<"), at: source, "expected a mapping to merge, got \(describe(source))")
                continue
            }
            for (keyNode, value) in mapping {
                guard let key = keyNode.scalar?.string, !entries.contains(where: { $0.key == key }) else { continue }
                entries.append(.init(key: key, keyNode: keyNode, value: value))
            }
        }
        return entries
    }

    private mutating func reportUnknownKey(
        _ key: String, at node: Node, _ path: SettingPath, allowed: [String], misplaced: [String: String]
    ) {
        let hint: String
        if let home = misplaced[key] {
            hint = "it belongs under \(home): \(home).\(key)"
        } else if let suggestion = KeySuggestion.closest(to: key, in: allowed) {
            hint = "did you mean \"\(suggestion)\"?"
        } else {
            hint = "known keys: \(allowed.joined(separator: ", "))"
        }
        report(.unknownKey, path, at: node, "unknown key \"\(key)\" (\(hint))")
    }

    /// Reports a required key that is missing from `fields`.
    mutating func requireKey(_ key: String, in fields: MappingFields, _ what: String) {
        guard fields.value(key) == nil else { return }
        report(.missingKey, fields.path.child(key), at: fields.node, "missing \(key) (\(what))")
    }

    /// Reports the later occurrences of every duplicate key in the file, with the first one's line.
    mutating func reportDuplicateKeys() {
        guard let root = document.root else { return }
        var seen = Set<String>()
        reportDuplicateKeys(in: root, .root, seen: &seen)
    }

    private mutating func reportDuplicateKeys(in node: Node, _ path: SettingPath, seen: inout Set<String>) {
        switch node {
        case .mapping(let mapping):
            var first: [String: Node] = [:]
            for (keyNode, value) in mapping {
                let key = YAMLDocument.originalKey(keyNode.scalar?.string ?? "").key
                if let earlier = first[key] {
                    let position = document.position(of: keyNode.mark)
                    // An aliased mapping is visited once per alias; report each duplicate once.
                    if seen.insert("\(position.line):\(position.column)").inserted {
                        let firstPosition = document.position(of: earlier.mark)
                        report(.duplicateKey, path.child(key), at: keyNode,
                               "duplicate key \"\(key)\" (first defined at line \(firstPosition.line), column \(firstPosition.column))")
                    }
                } else {
                    first[key] = keyNode
                }
                reportDuplicateKeys(in: value, path.child(key), seen: &seen)
            }
        case .sequence(let sequence):
            for (index, element) in sequence.enumerated() {
                reportDuplicateKeys(in: element, path.element(index), seen: &seen)
            }
        case .scalar, .alias:
            break
        }
    }

    /// How a node is named in a message: a scalar by its text in quotes, others by their kind.
    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            return quoted ? "\"\(scalar.string)\" (quoted, so it is text)" : "\"\(scalar.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
