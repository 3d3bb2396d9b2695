import ArgumentParser
import ConformReport
import ConformRunner
import Foundation

/// `conform diff OLD NEW`: what changed between two snapshots (`conform run --snapshot`), by the
/// contract rule. Exit 1 when anything is breaking (or, with `--fail-on additive`, anything at all).
struct DiffCommand: ConformCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two snapshots (conform run --snapshot) and classify every change as additive or breaking.",
        discussion: """
            Breaking: an endpoint or a status no longer seen, a member gone (or renamed: a new member \
            of the same types appeared in its place), a type changed, null where there was none, a \
            member no longer always present, a string format lost, a header no longer sent. Additive: \
            a new endpoint, status, member or header. Exit 0 when nothing is breaking, 1 when something \
            is (with --fail-on additive: when anything changed), 2 when a file is not a snapshot.
            """)

    @Argument(help: "The snapshot of the version clients were built against.")
    var old: String

    @Argument(help: "The snapshot of the version to check.")
    var new: String

    @Flag(help: "Print Markdown (a table for a pull request comment) instead of text.")
    var markdown = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(name: .customLong("fail-on"), help: "breaking (default): exit 1 on breaking changes; additive: on any change.")
    var failOn = "breaking"

    @Option(help: "Colour: auto, always or never.")
    var color = "auto"

    func validate() throws {
        if markdown && json { throw ValidationError("--markdown and --json: choose one") }
        guard ["breaking", "additive"].contains(failOn) else { throw ValidationError("--fail-on is breaking or additive, found \"\(failOn)\"") }
        guard ConsoleStyle.Choice(rawValue: color) != nil else { throw ValidationError("--color is auto, always or never") }
    }

    mutating func execute() async throws {
        let before: ContractSnapshot, after: ContractSnapshot
        do {
            before = try ContractSnapshot.read(path: old)
            after = try ContractSnapshot.read(path: new)
        } catch {
            StandardError.write("error: \(error.description)\n")
            throw CommandExit(code: ExitCode.specError)
        }
        let diff = SnapshotDiff(old: before, new: after)
        if json {
            print(SnapshotDiffReport.json(diff, old: old, new: new).prettyText)
        } else if markdown {
            print(SnapshotDiffReport.markdown(diff, old: old, new: new), terminator: "")
        } else {
            let style = ConsoleStyle.decide(ConsoleStyle.Choice(rawValue: color) ?? .auto, environment: ProcessInfo.processInfo.environment,
                                            isTerminal: isatty(STDOUT_FILENO) == 1)
            print(SnapshotDiffReport.text(diff, old: old, new: new, style: style), terminator: "")
        }
        let failing = failOn == "additive" ? !diff.changes.isEmpty : !diff.breaking.isEmpty
        throw CommandExit(code: failing ? 1 : 0)
    }
}
