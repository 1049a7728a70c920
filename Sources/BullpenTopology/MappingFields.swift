import Yams

/// The entries of one YAML mapping in the topology, checked against the keys allowed there.
struct MappingFields {
    /// One key and its value.
    struct Entry {
        let key: String
        let keyNode: Node
        let value: Node
    }

    /// The path of the mapping itself.
    let path: SettingPath
    /// The mapping node, for the position of problems that concern it as a whole.
    let node: Node
    /// The entries in file order: explicit keys, then keys merged in with `<<` that are not overridden.
    let entries: [Entry]

    /// The value of `key`, or nil when it is missing or null (`key:` with nothing after it).
    func value(_ key: String) -> Node? {
        guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// The entry of `key` when present, even with a null value.
    func entry(_ key: String) -> Entry? {
        entries.first { $0.key == key }
    }
}

extension Node {
    /// True for a null scalar: `~`, `null` or nothing.
    var isNull: Bool {
        guard case .scalar = self else { return false }
        return tagName == .null
    }

    /// The resolved tag's name (Yams keeps `Tag.name` internal, but its raw value is public).
    var tagName: Tag.Name {
        Tag.Name(rawValue: tag.rawValue)
    }
}
