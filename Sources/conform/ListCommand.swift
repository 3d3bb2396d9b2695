import ArgumentParser
import ConformRunner
import ConformSpec

struct ListCommand: ConformCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List spec files with their endpoint, stability, tags and cases.")

    @OptionGroup var selection: SpecSelection

    @Flag(help: "Print a Markdown coverage table (endpoint, spec, cases, stability) instead.")
    var markdown = false

    mutating func execute() async throws {
        let specs: [SpecFile]
        do {
            let (_, _, values) = try selection.resolution(baseURL: nil).variables()
            specs = try SpecLoader(knownVariables: Set(values.keys)).load(paths: selection.specPaths)
        } catch {
            throw failWithSpecErrors(error)
        }
        if markdown {
            print("| Endpoint | Spec | Cases | Stability |")
            print("|---|---|---|---|")
            for spec in specs {
                let beta = spec.stability == .beta ? 0 : spec.cases.filter { $0.stability == .beta }.count
                let cases = beta == 0 ? "\(spec.cases.count)" : "\(spec.cases.count) (\(beta) beta)"
                print("| `\(spec.endpoint)` | \(spec.path) | \(cases) | \(spec.stability.rawValue) |")
            }
            let total = specs.reduce(0) { $0 + $1.cases.count }
            let endpoints = Set(specs.map(\.endpoint.description)).count
            print("")
            print("\(specs.count) spec files, \(endpoints) endpoints, \(total) cases.")
            return
        }
        for spec in specs {
            let tags = spec.tags.isEmpty ? "" : "  [\(spec.tags.joined(separator: ", "))]"
            print("\(spec.path)  \(spec.endpoint)  (\(spec.stability.rawValue))\(tags)")
            for specCase in spec.cases {
                let caseTags = specCase.tags.isEmpty ? "" : "  [\(specCase.tags.joined(separator: ", "))]"
                let beta = specCase.stability == .beta && spec.stability != .beta ? "  (beta)" : ""
                print("  - \(specCase.name)\(beta)\(caseTags)")
            }
        }
        let cases = specs.reduce(0) { $0 + $1.cases.count }
        print("\(specs.count) spec file\(specs.count == 1 ? "" : "s"), \(cases) case\(cases == 1 ? "" : "s")")
    }
}
