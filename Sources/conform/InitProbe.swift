import ConformHTTP
import ConformOpenAPI
import ConformReport
import ConformRunner
import ConformSpec
import Foundation

/// `conform init --openapi … --probe`: runs the suite just written once against its target and
/// says, case by case, where the deployment did not do what the document says — so a generated
/// suite starts green on what is true and names what is not, instead of failing on day one.
struct InitProbe {
    let suiteFolder: String
    let baseURL: String?
    let tls: TLSVerification
    let timeout: Double

    struct Outcome {
        let observations: [ProbeObservation]
        let passed: Int
        let target: String
    }

    enum Failure: Error, CustomStringConvertible {
        case setUp(String)
        var description: String { if case .setUp(let text) = self { text } else { "" } }
    }

    func run() async throws(Failure) -> Outcome {
        let environment = ProcessInfo.processInfo.environment
        let resolution = TargetResolution(configPath: suiteFolder + "/conform.yaml", targetName: nil, baseURL: baseURL,
                                          variableAssignments: [], environment: environment)
        let resolved: TargetResolution.Resolved
        let specs: [SpecFile]
        let shapes: CompiledShapes
        do {
            resolved = try resolution.resolve()
            specs = try SpecLoader(knownVariables: Set(resolved.configuration.variables.keys), environment: environment)
                .load(paths: [suiteFolder])
            shapes = try ShapeLibrary.compile(specs)
        } catch {
            throw .setUp(error.summarisedLines.joined(separator: "\n"))
        }
        var configuration = resolved.configuration
        configuration.timeout = timeout
        configuration.concurrency = 4
        configuration.retry = RetryPolicy(maxRetries: 1)
        let client: HTTPClient
        do { client = try HTTPClient(configuration: HTTPClientConfiguration(maxConnections: 4, tls: tls)) } catch {
            throw .setUp("cannot start the HTTP client: \(error)")
        }
        let result = await Runner(configuration: configuration, transport: client, shapes: shapes).run(specs)
        await client.shutdown()
        let redactor = configuration.redactor
        var observations: [ProbeObservation] = []
        var passed = 0
        for spec in result.specs {
            for outcome in spec.cases {
                if outcome.status == .passed { passed += 1; continue }
                guard outcome.status == .failed || outcome.status == .error, let first = outcome.diagnostics.first else { continue }
                observations.append(ProbeObservation(spec: spec.name, caseName: outcome.name,
                                                     observed: redactor.redact(Self.oneLine(first)), target: configuration.baseURL))
            }
        }
        return Outcome(observations: observations, passed: passed, target: configuration.baseURL)
    }

    /// The diagnostic without its location, on one line.
    static func oneLine(_ diagnostic: Diagnostic) -> String {
        let text: String
        switch diagnostic.kind {
        case .statusMismatch(let expected, let actual): text = "status: expected \(expected), actual \(actual)"
        case .shapeMismatch(let path, _, let expected, let actual), .valueMismatch(let path, let expected, let actual):
            text = "\(path): expected \(expected), actual \(actual)"
        default: text = diagnostic.message
        }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
