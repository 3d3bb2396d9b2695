import ArgumentParser
import ConformReport
import ConformRunner
import Foundation

struct MergeCommand: ConformCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge JUnit reports, or --report-json reports, (e.g. from --shard runs) into one.")

    @Argument(help: "The JUnit XML files (or Conform JSON reports) to merge, in order.")
    var files: [String]

    @Option(name: .shortAndLong, help: "The merged report to write.")
    var output: String

    @Option(name: .customLong("report-markdown"),
            help: "With JSON reports: also write the merged run's Markdown summary here; with GITHUB_STEP_SUMMARY set it is appended there too.")
    var reportMarkdown: String?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one JUnit file or JSON report to merge") }
        if reportMarkdown != nil, !files.allSatisfy({ $0.lowercased().hasSuffix(".json") }) {
            throw ValidationError("--report-markdown needs JSON reports (--report-json): JUnit files do not carry what the summary says")
        }
    }

    mutating func execute() async throws {
        do {
            if files.allSatisfy({ $0.lowercased().hasSuffix(".json") }) {
                let merged = try JSONReportMerge.merge(files)
                try AtomicFile.write(Array((merged.prettyText + "\n").utf8), to: output)
                let environment = ProcessInfo.processInfo.environment
                if reportMarkdown != nil || !(environment["GITHUB_STEP_SUMMARY"] ?? "").isEmpty {
                    let markdown = MarkdownReport.text(for: try RunSummary(jsonReport: merged))
                    if let reportMarkdown { try AtomicFile.write(Array(markdown.utf8), to: reportMarkdown) }
                    if let warning = MarkdownReport.appendToStepSummary(markdown, environment: environment) { StandardError.write(warning) }
                }
            } else if files.contains(where: { $0.lowercased().hasSuffix(".json") }) {
                throw ValidationError("merge either JUnit XML files or JSON reports, not both")
            } else {
                try AtomicFile.write(try JUnitMerge.merge(files), to: output)
            }
        } catch {
            StandardError.write("error: \(error)\n")
            throw CommandExit(code: ExitCode.specError)
        }
        print("merged \(files.count) report\(files.count == 1 ? "" : "s") into \(output)")
    }
}
