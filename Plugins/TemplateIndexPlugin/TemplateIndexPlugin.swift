import Foundation
import PackagePlugin

/// Writes `TemplateIndex.swift` into the DNNGen build: the name and embedded bytes of every file the
/// target takes from rtl-templates/. SwiftPM embeds each resource as its own `PackageResources`
/// member but gives no list of them; this list is what lets a new template ship without code changes.
@main
struct TemplateIndexPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let module = target.sourceModule else { return [] }
        let templates = module.sourceFiles.filter { file in
            file.type == .resource && file.url.deletingLastPathComponent().lastPathComponent == "rtl-templates"
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "TemplateIndex.swift")
        return [
            .buildCommand(
                displayName: "Indexing \(templates.count) Verilog templates",
                executable: try context.tool(named: "template-index").url,
                arguments: [output.path] + templates.map(\.url.lastPathComponent),
                inputFiles: templates.map(\.url),
                outputFiles: [output]
            )
        ]
    }
}
