import Yams

/// Typed readers for single values. Each returns nil for a missing value, or for a bad one after
/// reporting it with its path, text and position.
extension TopologyDecoder {
    /// An integer in `range`.
    mutating func int(_ fields: MappingFields, _ key: String, _ range: ClosedRange<Int>) -> Int? {
        fields.value(key).flatMap { int($0, fields.path.child(key), range) }
    }

    /// An integer node in `range`.
    mutating func int(_ node: Node, _ path: SettingPath, _ range: ClosedRange<Int>) -> Int? {
        guard node.tagName == .int, case .scalar = node else {
            report(.wrongType, path, at: node, "expected an integer, got \(describe(node))")
            return nil
        }
        guard let value = node.int, range.contains(value) else {
            report(.outOfRange, path, at: node, "\(node.scalar?.string ?? "") is out of range (expected \(range.lowerBound) to \(range.upperBound))")
            return nil
        }
        return value
    }

    /// A number (integer or decimal) in `range`.
    mutating func double(_ fields: MappingFields, _ key: String, _ range: ClosedRange<Double>) -> Double? {
        guard let node = fields.value(key) else { return nil }
        let path = fields.path.child(key)
        guard node.tagName == .int || node.tagName == .float, let value = node.float else {
            report(.wrongType, path, at: node, "expected a number, got \(describe(node))")
            return nil
        }
        guard range.contains(value) else {
            report(.outOfRange, path, at: node, "\(node.scalar?.string ?? "") is out of range (expected \(range.lowerBound) to \(range.upperBound))")
            return nil
        }
        return value
    }

    /// `true` or `false`.
    mutating func bool(_ fields: MappingFields, _ key: String) -> Bool? {
        guard let node = fields.value(key) else { return nil }
        guard node.tagName == .bool, let value = node.bool else {
            report(.wrongType, fields.path.child(key), at: node, "expected true or false, got \(describe(node))")
            return nil
        }
        return value
    }

    /// Text. With `anyScalar`, numbers and booleans are read as their text too (a command's arguments).
    mutating func string(_ fields: MappingFields, _ key: String, anyScalar: Bool = false) -> String? {
        fields.value(key).flatMap { string($0, fields.path.child(key), anyScalar: anyScalar) }
    }

    /// A text node; see ``string(_:_:anyScalar:)``.
    mutating func string(_ node: Node, _ path: SettingPath, anyScalar: Bool = false) -> String? {
        let textual: Set<Tag.Name> = [.str, .timestamp]
        guard case .scalar(let scalar) = node, anyScalar || textual.contains(node.tagName) else {
            report(.wrongType, path, at: node, "expected text, got \(describe(node))")
            return nil
        }
        return scalar.string
    }

    /// A duration of at least `minimum`, such as `30s`.
    mutating func duration(_ fields: MappingFields, _ key: String, atLeast minimum: Duration = .zero) -> Duration? {
        fields.value(key).flatMap { duration($0, fields.path.child(key), atLeast: minimum) }
    }

    /// A duration node; see ``duration(_:_:atLeast:)``.
    mutating func duration(_ node: Node, _ path: SettingPath, atLeast minimum: Duration = .zero) -> Duration? {
        guard case .scalar(let scalar) = node else {
            report(.wrongType, path, at: node, "expected a duration such as 30s, got \(describe(node))")
            return nil
        }
        let value: Duration
        do {
            value = try DurationText.parse(scalar.string)
        } catch {
            report(.invalidValue, path, at: node, error.message)
            return nil
        }
        guard value >= minimum else {
            let bound = minimum == .zero ? "0s" : DurationText.format(minimum)
            report(.outOfRange, path, at: node, "\(scalar.string) is too short (expected at least \(bound))")
            return nil
        }
        return value
    }

    /// A size in bytes in `range`, such as `512MiB`.
    mutating func size(_ fields: MappingFields, _ key: String, _ range: ClosedRange<Int64>) -> Int64? {
        guard let node = fields.value(key) else { return nil }
        let path = fields.path.child(key)
        guard case .scalar(let scalar) = node else {
            report(.wrongType, path, at: node, "expected a size such as 512MiB, got \(describe(node))")
            return nil
        }
        let value: Int64
        do {
            value = try SizeText.parse(scalar.string)
        } catch {
            report(.invalidValue, path, at: node, error.message)
            return nil
        }
        guard range.contains(value) else {
            report(.outOfRange, path, at: node,
                   "\(scalar.string) is out of range (expected \(SizeText.format(range.lowerBound)) to \(SizeText.format(range.upperBound)))")
            return nil
        }
        return value
    }

    /// A timestamp in Unix epoch milliseconds, such as `2026-01-01T00:00:00Z`.
    mutating func timestamp(_ fields: MappingFields, _ key: String) -> Int64? {
        guard let node = fields.value(key) else { return nil }
        let path = fields.path.child(key)
        guard let text = string(node, path) else { return nil }
        do {
            return try TimestampText.parse(text)
        } catch {
            report(.invalidValue, path, at: node, error.message)
            return nil
        }
    }

    /// A name used in Redis keys (a queue, a schedule id, the prefix): 1...100 characters, no `:`, `{`, `}`
    /// or whitespace. Returns whether it is valid.
    mutating func checkName(_ name: String, _ what: String, _ path: SettingPath, at node: Node) -> Bool {
        let forbidden = name.first { $0 == ":" || $0 == "{" || $0 == "}" || $0.isWhitespace || $0.isNewline }
        let reason: String
        if let forbidden {
            reason = "it contains \(forbidden.isWhitespace ? "whitespace" : "\"\(forbidden)\""), which Redis keys reserve"
        } else if name.isEmpty {
            reason = "it is empty"
        } else if name.count > 100 {
            reason = "it has \(name.count) characters, at most 100 are allowed"
        } else {
            return true
        }
        report(.invalidValue, path, at: node, "invalid \(what) \"\(name)\" (\(reason))")
        return false
    }
}
