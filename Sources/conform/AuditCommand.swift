import ArgumentParser
import ConformAudit
import ConformDataModel
import ConformMock
import ConformRunner
import ConformSpec

struct AuditCommand: ConformCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Measure a suite's strength against the mock: additive drift must pass, every breaking change must be caught.",
        discussion: """
        Runs the suite against an in-process mock deployment faithfully, under additive drift, \
        and under every breaking change of `conform mock --list-profiles` at every endpoint it \
        applies to. Prints which case caught each change, or MISSED. Exits 0 only when every \
        change is caught and additive drift causes no failure; 1 otherwise; 2 on a spec error.
        """)

    @OptionGroup var selection: SpecSelection

    @Option(help: "Audit only this breaking kind (repeatable), e.g. breaking.field-dropped.")
    var kind: [String] = []

    @Option(help: "Audit only changes at endpoints containing this text, e.g. 'GET /oplog.json'.")
    var endpoint: String?

    @Option(help: "The data model the mock serves (default: the shipped one).")
    var datamodel: String?

    @Option(help: "Spec files to run at the same time in each run.")
    var concurrency: Int = 8

    @Flag(help: "Print the table as Markdown (for the README).")
    var markdown = false

    @Flag(name: .shortAndLong, help: "Print each finding as it comes.")
    var verbose = false

    func validate() throws {
        guard (1...Conform.maximumConcurrency).contains(concurrency) else {
            throw ValidationError("--concurrency must be from 1 to \(Conform.maximumConcurrency)")
        }
        for name in kind where ProfileKind(rawValue: name)?.family != .breaking {
            let known = ProfileKind.breaking.map(\.rawValue)
            throw ValidationError("--kind \(name) is not a breaking change; one of: \(known.joined(separator: ", "))")
        }
    }

    mutating func execute() async throws {
        let specs: [SpecFile]
        let shapes: CompiledShapes
        var options = Audit.Options()
        do {
            let (_, _, values) = try selection.resolution(baseURL: nil).variables()
            options.variables = values
            specs = try SpecLoader(knownVariables: Set(values.keys)).load(paths: selection.specPaths)
            shapes = try ShapeLibrary.compile(specs)
        } catch {
            throw failWithSpecErrors(error)
        }
        if let datamodel {
            do { options.dataModel = try DataModel.load(path: datamodel) } catch {
                StandardError.write("error: \(error)\n")
                throw CommandExit(code: ExitCode.specError)
            }
        }
        options.concurrency = concurrency
        options.kinds = Set(kind.compactMap(ProfileKind.init(rawValue:)))
        options.endpointFilter = endpoint
        let audit = Audit(specs: specs, shapes: shapes, options: options)
        let verbose = self.verbose
        if !markdown {
            print("conform audit: \(specs.count) spec files against the mock, faithful, additive and \(audit.mutations.count) breaking changes")
        }
        let report: Audit.Report
        do {
            report = try await audit.run { line in if verbose { StandardError.write(line + "\n") } }
        } catch {
            StandardError.write("error: the audit could not run the mock: \(error)\n")
            throw CommandExit(code: ExitCode.transport)
        }
        print(AuditTable.text(report, markdown: markdown))
        if !markdown { print("result: \(report.passed ? "PASS" : "FAIL") in \(String(format: "%.1f", report.duration))s") }
        throw CommandExit(code: report.passed ? ExitCode.success : ExitCode.contractFailure)
    }
}
