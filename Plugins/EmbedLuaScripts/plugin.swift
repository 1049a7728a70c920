import PackagePlugin

/// Embeds the `.lua` files under a target's `Scripts/` folder into a generated Swift file, so the
/// scripts travel inside the binary (no resource bundle to deploy next to it).
@main
struct EmbedLuaScripts: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let scripts = target.directoryURL.appending(path: "Scripts")
        let inputs = try ScriptFolder.luaFiles(in: scripts)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedLuaScripts.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) Lua scripts into \(target.name)",
                executable: try context.tool(named: "EmbedLua").url,
                arguments: [output.path()] + inputs.map { $0.path() },
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}

import Foundation

/// The `.lua` files of a target's `Scripts/` folder, in name order (so the generated file is stable).
enum ScriptFolder {
    static func luaFiles(in folder: URL) throws -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path())) ?? []
        return names.filter { $0.hasSuffix(".lua") }.sorted().map { folder.appending(path: $0) }
    }
}
