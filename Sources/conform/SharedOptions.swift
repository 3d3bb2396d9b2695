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

/// How `conform run` reaches the target beyond its URL: auth, redirects, cookies, client TLS.
/// Each overrides the target's setting in conform.yaml.
struct ConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "How to authenticate: journeyapps-token (default), bearer, basic, header:NAME, query:NAME or none; the secret comes from the target's variable or CONFORM_TOKEN (CONFORM_USERNAME/CONFORM_PASSWORD for basic).",
        valueName: "scheme"))
    var auth: String?

    @Option(name: .customLong("follow-redirects"),
            help: ArgumentHelp("Follow redirects: true (up to 20), false, or the most to follow (default: the target's setting, else false).",
                               valueName: "true|false|N"))
    var followRedirects: String?

    @Flag(inversion: .prefixedNo, help: "Keep cookies across the cases of each file (default: the target's or the file's setting, else off).")
    var cookies: Bool?

    @Option(name: .customLong("cert"), help: "A client certificate (PEM) for mutual TLS; needs --key.")
    var clientCertificate: String?

    @Option(name: .customLong("key"), help: "The private key (PEM) of --cert.")
    var clientKey: String?

    @Option(name: .customLong("key-password-env"), help: ArgumentHelp("The environment variable holding --key's passphrase.", valueName: "name"))
    var keyPasswordVariable: String?

    func validate() throws {
        if (clientCertificate == nil) != (clientKey == nil) { throw ValidationError("--cert and --key go together") }
        if let keyPasswordVariable {
            guard clientKey != nil else { throw ValidationError("--key-password-env needs --key") }
            guard !(ProcessInfo.processInfo.environment[keyPasswordVariable] ?? "").isEmpty else {
                throw ValidationError("--key-password-env names \(keyPasswordVariable), which is not set")
            }
        }
        _ = try redirectPolicy()
    }

    func redirectPolicy() throws -> RedirectPolicy? {
        guard let followRedirects else { return nil }
        switch followRedirects {
        case "true": return .follow(max: RedirectPolicy.defaultMaximum)
        case "false", "0": return .off
        default:
            guard let count = Int(followRedirects), (1...RedirectPolicy.largestMaximum).contains(count) else {
                throw ValidationError("--follow-redirects is true, false or a number from 0 to \(RedirectPolicy.largestMaximum), found \"\(followRedirects)\"")
            }
            return .follow(max: count)
        }
    }

    /// After `validate()`, which has checked the redirect setting.
    func apply(to resolution: inout TargetResolution) {
        resolution.authFlag = auth
        resolution.followRedirectsFlag = (try? redirectPolicy()) ?? nil
        resolution.cookiesFlag = cookies
    }
}

/// Prints load problems as `file:line:column: error: message` on stderr and exits 2.
func failWithSpecErrors(_ failure: SpecLoadFailure) -> CommandExit {
    for line in failure.summarisedLines { StandardError.write(line + "\n") }
    let count = failure.diagnostics.count
    StandardError.write("\(count) error\(count == 1 ? "" : "s"); nothing was sent.\n")
    return CommandExit(code: ExitCode.specError)
}
