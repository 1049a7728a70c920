import BullpenWorker
import Foundation

/// A mail template: a file `<name>.eml.tmpl` whose first line is `Subject: ...` and whose remaining lines
/// are the body, both with `{{name}}` placeholders.
struct MailTemplate: Sendable, Hashable {
    /// The template's name.
    var name: String
    /// The subject line, before rendering.
    var subject: String
    /// The body, before rendering.
    var body: String

    /// Reads a template. The name is checked before it becomes a path, so job data cannot read other files
    /// (`../../etc/passwd`); an unknown or malformed template fails the job for good.
    static func load(named name: String, from folder: String) throws -> MailTemplate {
        let allowed = name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
        guard allowed, !name.isEmpty else {
            throw UnrecoverableError("unknown template \(String(reflecting: name)): names are letters, digits, - and _")
        }
        let path = "\(folder)/\(name).eml.tmpl"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UnrecoverableError("unknown template \"\(name)\": no file \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw UnrecoverableError("template \"\(name)\" (\(path)) is not UTF-8")
        }
        return try MailTemplate(name: name, text: text)
    }

    /// Parses a template's text.
    init(name: String, text: String) throws {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        let firstLine = normalized.prefix { $0 != "\n" }
        guard firstLine.hasPrefix("Subject:") else {
            throw UnrecoverableError("template \"\(name)\" must start with a \"Subject: ...\" line, not \(String(reflecting: String(firstLine)))")
        }
        var rest = normalized.dropFirst(firstLine.count + 1)
        if rest.hasPrefix("\n") { rest = rest.dropFirst() }  // the blank line between subject and body
        self.name = name
        self.subject = firstLine.dropFirst("Subject:".count).trimmingCharacters(in: .whitespaces)
        self.body = String(rest)
    }

    /// The subject and body with every placeholder replaced. A placeholder the job gives no value for fails
    /// the job for good, naming every missing variable; so does a subject that would span lines.
    func render(_ vars: [String: TemplateValue]) throws -> (subject: String, body: String) {
        var missing: [String] = []
        let subject = try substitute(subject, vars, missing: &missing)
        let body = try substitute(body, vars, missing: &missing)
        guard missing.isEmpty else {
            let names = Set(missing).sorted().joined(separator: ", ")
            throw UnrecoverableError("template \"\(name)\" needs variables the job does not give: \(names)")
        }
        // Scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard !subject.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw UnrecoverableError("template \"\(name)\": the rendered subject spans lines: \(String(reflecting: subject))")
        }
        return (subject, body)
    }

    /// Replaces `{{ name }}` placeholders, collecting the names that have no value.
    private func substitute(_ text: String, _ vars: [String: TemplateValue], missing: inout [String]) throws -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw UnrecoverableError("template \"\(name)\" has an unclosed \"{{\"")
            }
            let key = try placeholderName(rest[open.upperBound..<close.lowerBound])
            if let value = vars[key] { output += value.text } else { missing.append(key) }
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    private func placeholderName(_ inner: Substring) throws -> String {
        let key = inner.trimmingCharacters(in: .whitespaces)
        let valid = !key.isEmpty && key.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-" || $0 == ".")
        }
        guard valid else {
            throw UnrecoverableError("template \"\(name)\" has a bad placeholder {{\(inner)}}")
        }
        return key
    }
}
