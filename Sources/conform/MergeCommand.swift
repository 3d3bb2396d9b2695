import ArgumentParser
import ConformReport
import ConformRunner

struct MergeCommand: ConformCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge JUnit reports (e.g. from --shard runs) into one.")

    @Argument(help: "The JUnit XML files to merge, in order.")
    var files: [String]

    @Option(name: .shortAndLong, help: "The merged report to write.")
    var output: String

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one JUnit file to merge") }
    }

    mutating func execute() async throws {
        do {
            try AtomicFile.write(try JUnitMerge.merge(files), to: output)
        } catch {
            StandardError.write("error: \(error)\n")
            throw CommandExit(code: ExitCode.specError)
        }
        print("merged \(files.count) report\(files.count == 1 ? "" : "s") into \(output)")
    }
}
