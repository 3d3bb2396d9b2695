import ArgumentParser
import ConformOpenAPI
import ConformReport
import ConformRunner
import ConformSpec
import Foundation

/// `conform export FORMAT`: the suite in another tool's language.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write what a suite checks in another format.",
        subcommands: [ExportOpenAPICommand.self])
}

struct ExportOpenAPICommand: ConformCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Write an OpenAPI 3.1 document of the paths, parameters, statuses and response shapes a suite checks.",
        discussion: """
            Every path and method the suite's requests use becomes an operation (placeholders become \
            path parameters: /objects/${model}/${id}.json is /objects/{model}/{id}.json), with the query \
            and header parameters its requests send, their bodies, the statuses the cases expect and \
            their shapes as response schemas (shape files under components/schemas). The target's auth \
            scheme becomes the security scheme and its base URL the server (--server overrides it). \
            What cannot be carried over (a request to a full url:, an $id in a shape) is listed on stderr.
            """)

    @OptionGroup var selection: SpecSelection

    @Option(name: .shortAndLong, help: "Where to write the document (.json; .yaml and .yml get the same JSON, which is valid YAML).")
    var output: String

    @Option(help: "The document's info.title.")
    var title = "API contract checked by Conform"

    @Option(name: .customLong("api-version"), help: "The document's info.version.")
    var apiVersion = "1"

    @Option(name: .customLong("server"), help: "A server URL (repeatable; default: the target's base URL, when it needs no variable that is unset).")
    var servers: [String] = []

    mutating func execute() async throws {
        let specs: [SpecFile]
        let resolution = selection.resolution(baseURL: nil)
        let target: TargetConfig.Target?
        do {
            let (_, chosen, values) = try resolution.variables()
            target = chosen
            specs = try SpecLoader(knownVariables: Set(values.keys)).load(paths: selection.specPaths)
            _ = try ShapeLibrary.compile(specs)
        } catch {
            throw failWithSpecErrors(error)
        }
        var serverURLs = servers
        if serverURLs.isEmpty, let resolved = try? resolution.resolve() { serverURLs = [resolved.configuration.baseURL] }
        let options = OpenAPIExport.Options(title: title, version: apiVersion, servers: serverURLs, auth: target?.auth ?? .standard)
        let exported = OpenAPIExport.document(for: specs, documents: ShapeDocuments(specs: specs), options: options)
        for problem in exported.problems { StandardError.write("warning: \(problem)\n") }
        do {
            try AtomicFile.write(Array((exported.document.prettyText + "\n").utf8), to: output)
        } catch {
            StandardError.write("error: \(output): \(error)\n")
            throw CommandExit(code: ExitCode.specError)
        }
        print("\(output): OpenAPI 3.1, \(exported.operationCount) operation\(exported.operationCount == 1 ? "" : "s") from \(specs.count) spec file\(specs.count == 1 ? "" : "s")"
              + (exported.problems.isEmpty ? "" : "; \(exported.problems.count) left out (see the warnings)"))
    }
}
