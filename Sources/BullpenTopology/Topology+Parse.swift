#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Topology {
    /// Parses and validates a topology file's text.
    ///
    /// - Parameters:
    ///   - yaml: The file's text.
    ///   - file: The file's name as shown in issues, such as `etc/bullpen.yaml`.
    /// - Throws: ``TopologyError`` with every problem found, in file order.
    public static func parse(yaml: String, file: String) throws(TopologyError) -> Topology {
        let document: YAMLDocument
        do {
            document = try YAMLDocument.compose(yaml)
        } catch {
            throw TopologyError(issues: [TopologyIssue(
                file: file, path: "", line: error.line, column: error.column, code: .syntax, message: error.message)])
        }
        var decoder = TopologyDecoder(file: file, document: document)
        decoder.reportDuplicateKeys()
        let topology = decoder.decodeTopology()
        guard decoder.issues.isEmpty else {
            // Sorting is stable, so problems at one position keep the order they were found in.
            let sorted = decoder.issues.enumerated().sorted {
                ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
            }
            throw TopologyError(issues: sorted.map(\.element))
        }
        return topology
    }

    /// Reads, parses and validates the topology file at `path`; issues name the file as `path`.
    ///
    /// - Throws: ``TopologyError``, also when the file cannot be read (code ``TopologyIssue/Code/unreadable``).
    public static func load(path: String) throws(TopologyError) -> Topology {
        try parse(yaml: readFile(path), file: path)
    }

    private static func readFile(_ path: String) throws(TopologyError) -> String {
        guard let file = fopen(path, "r") else {
            let reason = String(cString: strerror(errno))
            throw TopologyError(issues: [TopologyIssue(
                file: path, path: "", line: 0, column: 0, code: .unreadable, message: "cannot read the file (\(reason))")])
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count == 0 { break }
            bytes += buffer[0..<count]
        }
        if ferror(file) != 0 {
            let reason = String(cString: strerror(errno))
            throw TopologyError(issues: [TopologyIssue(
                file: path, path: "", line: 0, column: 0, code: .unreadable, message: "cannot read the file (\(reason))")])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
