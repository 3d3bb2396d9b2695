import ArgumentParser
import ConformRunner
import ConformSpec
import Foundation

/// Options every command that reads specs shares.
struct SpecSelection: ParsableArguments {
    @Argument(help: "Spec files or folders (default: Specs/).")
    var paths: [String] = []

    @Option(name: .customLong("config"), help: "The target configuration file (default: conform.yaml here, else the nearest one in or above the first spec path).")
    var configPath: String?

    @Option(name: .customLong("target"), help: "A named target from conform.yaml.")
    var target: String?

    @Option(name: .customLong("var"), help: "Set a variable: --var name=value (repeatable; overrides conform.yaml).")
    var variables: [String] = []

    var specPaths: [String] { paths.isEmpty ? ["Specs"] : paths }

    func resolution(baseURL: String?) -> TargetResolution {
        TargetResolution(configPath: TargetResolution.configFile(named: configPath, specPaths: specPaths),
                         targetName: target, baseURL: baseURL, variableAssignments: variables,
                         environment: ProcessInfo.processInfo.environment)
    }
}

/// Prints load problems as `file:line:column: error: message` on stderr and exits 2.
func failWithSpecErrors(_ failure: SpecLoadFailure) -> CommandExit {
    for line in failure.summarisedLines { StandardError.write(line + "\n") }
    let count = failure.diagnostics.count
    StandardError.write("\(count) error\(count == 1 ? "" : "s"); nothing was sent.\n")
    return CommandExit(code: ExitCode.specError)
}
