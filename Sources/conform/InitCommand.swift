import ArgumentParser
import ConformDataModel
import ConformHTTP
import ConformInit
import ConformOpenAPI
import ConformRunner
import ConformSpec
import Foundation

struct InitCommand: ConformCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Generate a spec suite from a JourneyApps data model, or from an OpenAPI document.",
        discussion: """
        With --base-url, fetches URL/datamodel.json (credentials from CONFORM_TOKEN, or \
        CONFORM_USERNAME + CONFORM_PASSWORD). With --datamodel, reads a datamodel.json or a data \
        model XML file (told apart by content); --base-url then only names the target in the \
        suite's conform.yaml. With --openapi FILE|URL, reads an OpenAPI 3.1, 3.0 or Swagger 2.0 \
        document (JSON or YAML) and writes a spec per path, its schemas as shapes, and the target \
        (--base-url overrides its servers). Existing files are never replaced without --force.
        """)

    @Option(help: "The folder to write the suite into (created if needed).")
    var out: String

    @Option(name: .customLong("base-url"), help: "The deployment's base URL, e.g. https://HOST/api/v4/DEPLOYMENT_ID.")
    var baseURL: String?

    @Option(help: "A datamodel.json or data model XML file to read instead of fetching.")
    var datamodel: String?

    @Option(help: ArgumentHelp("An OpenAPI 3.1, 3.0 or Swagger 2.0 document (JSON or YAML) to generate the suite from.",
                               valueName: "file|url"))
    var openapi: String?

    @Flag(help: "Write nothing: exit 1, naming the models and fields (or operations and schemas) that changed, when the suite in --out was generated from an older data model (or document); 0 when it is current.")
    var check = false

    @Flag(help: "With --openapi: run the generated suite once against its target and write the cases that fail as beta, saying what the deployment did instead.")
    var probe = false

    @Flag(help: "Replace files the suite would overwrite.")
    var force = false

    @Option(help: "Seconds allowed for fetching datamodel.json.")
    var timeout: Double = 30

    @Option(name: .customLong("cacert"), help: "A PEM file of CA certificates to trust for HTTPS.")
    var caCertificates: String?

    @Flag(help: "Do not verify TLS certificates (explicit opt-out; never the default).")
    var insecure = false

    @Flag(name: .customLong("allow-insecure-http"), help: "Allow credentials over plain http:// to a host that is not loopback.")
    var allowInsecureHTTP = false

    func validate() throws {
        if probe && openapi == nil { throw ValidationError("--probe goes with --openapi") }
        if check && (probe || force) { throw ValidationError("--check writes nothing: it does not go with --probe or --force") }
        if openapi != nil && datamodel != nil { throw ValidationError("--openapi and --datamodel are two different sources; give one") }
        guard baseURL != nil || datamodel != nil || openapi != nil else {
            throw ValidationError("say where the data model comes from: --base-url URL (fetches URL/datamodel.json) or --datamodel FILE")
        }
        guard RequestTimeout.isValid(timeout) else { throw ValidationError("--timeout must be \(RequestTimeout.rule)") }
        if insecure && caCertificates != nil { throw ValidationError("--insecure and --cacert contradict each other") }
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ValidationError("--base-url must be an http:// or https:// URL, found \"\(baseURL)\"")
        }
    }

    mutating func execute() async throws {
        let base = baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        if let openapi { return try await generateFromOpenAPI(openapi, base: base) }
        let dataModel: DataModel
        let source: String
        if let datamodel {
            guard FileManager.default.isReadableFile(atPath: datamodel) else {
                let reason = FileManager.default.fileExists(atPath: datamodel) ? "it is not readable" : "no such file"
                throw Self.fail("error: cannot read the data model \(datamodel): \(reason)", code: ExitCode.specError)
            }
            do {
                dataModel = try DataModel.load(path: datamodel)
            } catch {
                throw Self.fail(error.description, code: ExitCode.specError)
            }
            source = datamodel
        } else {
            let url = (base ?? "") + "/datamodel.json"
            dataModel = try await fetch(url)
            source = url
        }
        let generator = SuiteGenerator(dataModel: dataModel, source: source, baseURL: base)
        if check { try compare(generator.record) }
        let suite = generator.generate()
        do {
            try suite.write(into: out, overwrite: force)
        } catch {
            throw Self.fail("error: \(error)", code: ExitCode.specError)
        }
        let specs = suite.files.filter { !$0.path.hasPrefix("shapes/") && $0.path.hasSuffix(".yaml") && $0.path != "conform.yaml" }
        let models = dataModel.models.count
        print("wrote \(suite.files.count) files to \(out): \(specs.count) specs for \(models) model\(models == 1 ? "" : "s") "
              + "(\(dataModel.models.map(\.name).joined(separator: ", "))), shapes, conform.yaml")
        print("next: conform validate \(out) && conform run \(out)\(base == nil ? " --base-url URL" : "")")
    }

    /// `--openapi`: read the document (a file, or a URL fetched without credentials), write the
    /// suite, then load what was written as `conform validate` would: a generated suite that
    /// does not load is a bug in the generator, said as such.
    private func generateFromOpenAPI(_ location: String, base: String?) async throws {
        let bytes: [UInt8]
        if location.hasPrefix("http://") || location.hasPrefix("https://") {
            bytes = try await download(location)
        } else {
            guard let data = FileManager.default.contents(atPath: location) else {
                throw Self.fail("error: cannot read the OpenAPI document \(location)", code: ExitCode.specError)
            }
            bytes = [UInt8](data)
        }
        let source: OpenAPISource
        do { source = try OpenAPISource.read(bytes, location: location) } catch {
            throw Self.fail("error: \(error.description)", code: ExitCode.specError)
        }
        if check { try compare(OpenAPISuiteGenerator(source: source, location: location, baseURL: base).record) }
        var output = OpenAPISuiteGenerator(source: source, location: location, baseURL: base).generate()
        do {
            try output.suite.write(into: out, overwrite: force)
        } catch {
            throw Self.fail("error: \(error)", code: ExitCode.specError)
        }
        if probe {
            let tls: TLSVerification = insecure ? .insecure : (caCertificates.map { TLSVerification.caFile($0) } ?? .system)
            let probed: InitProbe.Outcome
            do { probed = try await InitProbe(suiteFolder: out, baseURL: base, tls: tls, timeout: timeout).run() } catch {
                throw Self.fail("error: --probe: \(error)", code: ExitCode.specError)
            }
            // Written again, knowing what the deployment does: the same files but for the marks.
            output = OpenAPISuiteGenerator(source: source, location: location, baseURL: base, observations: probed.observations).generate()
            do { try output.suite.write(into: out, overwrite: true) } catch {
                throw Self.fail("error: \(error)", code: ExitCode.specError)
            }
            print("probed \(probed.target): \(probed.passed) cases passed, \(probed.observations.count) did not and are now beta "
                  + "(each says what the deployment did; README.md lists them)")
        }
        do {
            let specs = try SpecLoader(knownVariables: []).load(paths: [out])
            _ = try ShapeLibrary.compile(specs)
        } catch {
            for line in error.summarisedLines { StandardError.write(line + "\n") }
            // The files stay written, so they can be read and mended.
            throw Self.fail("error: the suite written to \(out) does not load (above): a construct of the document that did not "
                            + "translate, or a bug in conform init --openapi (please report it with the document)",
                            code: ExitCode.specError)
        }
        for note in output.notes.prefix(20) { StandardError.write("note: \(location)#\(note)\n") }
        if output.notes.count > 20 { StandardError.write("note: … \(output.notes.count - 20) more in \(out)/README.md\n") }
        let specCount = output.suite.files.filter { $0.path.hasPrefix("paths/") }.count
        print("wrote \(output.suite.files.count) files to \(out): \(output.caseCount) cases in \(specCount) specs, "
              + "\(output.suite.files.filter { $0.path.hasPrefix("shapes/") }.count) shapes, conform.yaml, README.md"
              + (output.skipped.isEmpty ? "" : "; \(output.skipped.count) operations not generated (README.md says why)"))
        print("next: conform validate \(out) && conform run \(out)")
    }

    /// `--check`: the record of the suite in `out` against the one the source gives now. Always
    /// ends the command: 0 when current, 1 when stale (what changed, a line each), 2 without a record.
    private func compare(_ current: GenerationRecord) throws -> Never {
        let recorded: GenerationRecord
        do { recorded = try GenerationRecord.read(folder: out) } catch {
            throw Self.fail("error: \(error.description)", code: ExitCode.specError)
        }
        let changes = recorded.changes(to: current)
        guard !changes.isEmpty else {
            print("\(out) is up to date with \(current.source)")
            throw CommandExit(code: 0)
        }
        print("\(out) is stale: \(changes.count) change\(changes.count == 1 ? "" : "s") in \(current.source) since it was generated "
              + "(from \(recorded.source)):")
        for change in changes { print("  " + change) }
        print("regenerate with the same command and --force (then review the diff), or edit the suite to match")
        throw CommandExit(code: 1)
    }

    /// The bytes at `url` (an OpenAPI document; no credentials are sent).
    private func download(_ url: String) async throws -> [UInt8] {
        let tls: TLSVerification = insecure ? .insecure : (caCertificates.map { TLSVerification.caFile($0) } ?? .system)
        let client: HTTPClient
        do { client = try HTTPClient(configuration: HTTPClientConfiguration(maxConnections: 1, tls: tls)) } catch {
            throw Self.fail("error: cannot start the HTTP client: \(error)", code: ExitCode.transport)
        }
        let request = HTTPRequest(method: .get, url: url, headers: ["Accept": "application/json, application/yaml"], timeout: .seconds(timeout))
        let result: Result<HTTPResponse, TransportError>
        do { result = .success(try await client.send(request)) } catch { result = .failure(error) }
        await client.shutdown()
        switch result {
        case .success(let response) where (200...299).contains(response.status): return response.body
        case .success(let response): throw Self.fail("error: GET \(url) answered \(response.status)", code: ExitCode.specError)
        case .failure(let error): throw Self.fail("error: cannot fetch the OpenAPI document: \(error)", code: ExitCode.transport)
        }
    }

    /// `GET url` with the environment's credentials; the body read as a `datamodel.json`.
    private func fetch(_ url: String) async throws -> DataModel {
        var request = HTTPRequest(method: .get, url: url, headers: ["Accept": "application/json"], timeout: .seconds(timeout))
        do {
            if let credentials = try Credentials.fromEnvironment(ProcessInfo.processInfo.environment) {
                request = try request.authorized(with: credentials, allowInsecureHTTP: allowInsecureHTTP)
            }
        } catch {
            throw Self.fail("error: credentials: \(error)", code: ExitCode.specError)
        }
        let tls: TLSVerification = insecure ? .insecure : (caCertificates.map { TLSVerification.caFile($0) } ?? .system)
        let client: HTTPClient
        do {
            client = try HTTPClient(configuration: HTTPClientConfiguration(maxConnections: 1, tls: tls))
        } catch {
            throw Self.fail("error: cannot start the HTTP client: \(error)", code: ExitCode.transport)
        }
        let result: Result<HTTPResponse, TransportError>
        do { result = .success(try await client.send(request)) } catch { result = .failure(error) }
        await client.shutdown()
        let response: HTTPResponse
        switch result {
        case .success(let answer): response = answer
        case .failure(let error): throw Self.fail("error: cannot fetch the data model: \(error)", code: ExitCode.transport)
        }
        guard (200...299).contains(response.status) else {
            // 4xx: the URL or the credentials are wrong, which the user must fix; 5xx and the
            // rest: the deployment could not answer, a target problem.
            let code = (400...499).contains(response.status) ? ExitCode.specError : ExitCode.transport
            throw Self.fail("error: GET \(url) answered \(response.status)\(Self.errorSummary(response.body))", code: code)
        }
        do {
            return try DataModel.parse(json: response.body, file: url)
        } catch {
            throw Self.fail(error.description, code: ExitCode.specError)
        }
    }

    /// ` (AUTHENTICATION_FAILED: detail)` from an error envelope, or the start of a text body.
    static func errorSummary(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return "" }
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], let type = object["type"] as? String {
            return " (\(type)" + ((object["detail"] as? String).map { ": " + $0 } ?? "") + ")"
        }
        return ": " + text.split(separator: "\n").prefix(1).joined()
    }

    /// Prints `message` on stderr and ends with `code`.
    static func fail(_ message: String, code: Int32) -> CommandExit {
        StandardError.write(message + "\n")
        return CommandExit(code: code)
    }
}
