import Yams

/// A small YAML writer for ``Topology/render()`` and ``TopologyDiff``: block mappings of scalars, each
/// scalar already in its YAML spelling (quoted where a plain scalar would read back as something else).
indirect enum RenderNode {
    /// A scalar or flow collection, as YAML text.
    case scalar(String)
    /// A block mapping, in order.
    case mapping([(key: String, value: RenderNode)])

    /// Text, quoted when plain YAML would read it as another type or not at all.
    static func text(_ value: String) -> RenderNode {
        .scalar(yamlText(value))
    }

    /// A flow list of texts: `[/usr/local/bin/job, --fast]`.
    static func list(_ values: [String]) -> RenderNode {
        .scalar("[" + values.map(yamlText).joined(separator: ", ") + "]")
    }

    /// A duration such as `30s`.
    static func duration(_ value: Duration) -> RenderNode {
        .scalar(DurationText.format(value))
    }

    /// A size such as `512KiB`.
    static func size(_ value: Int64) -> RenderNode {
        .scalar(SizeText.format(value))
    }

    /// The YAML lines of this node under `key`-less indentation `indent` (a mapping's entries).
    func lines(indent: Int = 0) -> [String] {
        guard case .mapping(let entries) = self else { return [] }
        let pad = String(repeating: " ", count: indent)
        return entries.flatMap { entry -> [String] in
            switch entry.value {
            case .scalar(let text):
                return ["\(pad)\(Self.yamlText(entry.key)): \(text)"]
            case .mapping(let children) where children.isEmpty:
                return ["\(pad)\(Self.yamlText(entry.key)): {}"]
            case .mapping:
                return ["\(pad)\(Self.yamlText(entry.key)):"] + entry.value.lines(indent: indent + 2)
            }
        }
    }

    /// Every scalar with its dotted path, such as `("defaults.backoff.delay", "2s")`, for diffs.
    func leaves(prefix: String = "") -> [(path: String, value: String)] {
        switch self {
        case .scalar(let text):
            return [(prefix, text)]
        case .mapping(let entries) where entries.isEmpty:
            return [(prefix, "{}")]
        case .mapping(let entries):
            return entries.flatMap { $0.value.leaves(prefix: prefix.isEmpty ? $0.key : "\(prefix).\($0.key)") }
        }
    }

    /// `value` as a YAML scalar: plain when that reads back as the same text, double-quoted otherwise.
    static func yamlText(_ value: String) -> String {
        let safe = value.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "_./-+@".unicodeScalars.contains($0)
        }
        let plainStart = value.first.map { $0.isLetter || $0.isNumber || $0 == "/" || $0 == "_" } ?? false
        if safe, plainStart, Resolver.default.resolveTag(of: Node(value)) == .str {
            return value
        }
        return TopologyDecoder.jsonString(value)
    }
}
