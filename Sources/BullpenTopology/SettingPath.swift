/// The dotted key path of a value in the topology file, such as `queues.images.max_memory` or
/// `queues.transcode.handler.exec[0]`, as shown in issues.
struct SettingPath: CustomStringConvertible, Sendable {
    /// The path text; empty for the whole file.
    private(set) var description: String

    /// The whole file.
    static let root = SettingPath(description: "")

    /// The path of `key` in the mapping at this path.
    func child(_ key: String) -> SettingPath {
        SettingPath(description: description.isEmpty ? key : "\(description).\(key)")
    }

    /// The path of element `index` in the list at this path.
    func element(_ index: Int) -> SettingPath {
        SettingPath(description: "\(description)[\(index)]")
    }
}
