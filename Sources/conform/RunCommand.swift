import ArgumentParser
import ConformHTTP
import ConformMock
import ConformReport
import ConformRunner
import ConformSpec
import Foundation

struct RunCommand: ConformCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run specs against a target and write a JUnit report.")

    @OptionGroup var selection: SpecSelection

    @OptionGroup(title: "Connection") var connection: ConnectionOptions

    @Option(name: .customLong("base-url"), help: "The target's base URL, e.g. https://HOST/api/v4/DEPLOYMENT_ID (or CONFORM_BASE_URL).")
    var baseURL: String?

    @Option(help: "Where to write the JUnit XML report.")
    var junit: String = "Reports/junit.xml"

    @Option(name: .customLong("report-markdown"),
            help: "Also write a Markdown summary here (for a pull request or a job page); with GITHUB_STEP_SUMMARY set it is appended there too.")
    var reportMarkdown: String?

    @Option(name: .customLong("report-json"),
            help: "Also write every case, check, drift record and timing as JSON here (format: docs/report.schema.json).")
    var reportJSON: String?

    @Option(name: .customLong("report-html"),
            help: "Also write one self-contained HTML page here (no script, no external asset): failures as the console shows them, files, drift, retries, timings.")
    var reportHTML: String?

    @Option(help: ArgumentHelp("Also write the contract this run saw (per endpoint and status: header names, body shapes) here, for conform diff and --baseline.",
                               valueName: "file"))
    var snapshot: String?

    @Option(help: ArgumentHelp("Gate on breaking changes since this snapshot too (additive ones are drift \"new since baseline\").",
                               valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("junit-dialect"), help: "jenkins (schema-valid, default) or annotated (adds file/line for GitLab and GitHub).")
    var junitDialect: String = "jenkins"

    @Option(help: "Spec files to run at the same time (cases within a file always run in order; default 4, or 1 with --snapshot or --baseline).")
    var concurrency: Int?

    /// 4 files at a time; one with --snapshot or --baseline, so what a list endpoint shows does
    /// not depend on which other files happen to run beside it (their objects would appear in
    /// its pages, with other values), and two snapshots of one API are the same file.
    var effectiveConcurrency: Int { concurrency ?? (snapshot != nil || baseline != nil ? 1 : 4) }

    @Option(help: "Seconds allowed for each request that sets no timeout of its own.")
    var timeout: Double = 30

    @Option(name: .customLong("connect-timeout"), help: "Seconds allowed to establish a connection (a dead target is noticed after this).")
    var connectTimeout: Double = 10

    @Option(help: "Run only cases whose tags (or their spec's) match: a,b = either; !c = not c. Repeat for AND.")
    var tags: [String] = []

    @Option(help: "Run only cases whose name or file path contains the text (ignoring case): a,b = either; !c = not c. Repeat for AND.")
    var filter: [String] = []

    @Flag(name: .customLong("fail-fast"), help: "Stop starting cases after the first gating case fails or errs (teardown still runs).")
    var failFast = false

    @Option(help: "Colour on the console: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it), always or never.")
    var color: String = "auto"

    @Option(help: "Progress: auto (a status line on a terminal, not under CI), live (always the status line) or lines (a line per finished file, no control characters).")
    var progress: String = "auto"

    @Option(help: "Run shard K of N (files split by position, e.g. 2/4); merge the reports with `conform merge`.")
    var shard: String?

    @Option(help: "Extra attempts for a request after a transport error or a 429/503 (idempotent methods; POST and PATCH only when the request never reached the server; 0 = never).")
    var retries: Int = 2

    @Option(name: .customLong("max-transport-failures"),
            help: "Stop sending to a target after this many gating requests got no answer at all (after retries; beta cases never count; 0 = never stop).")
    var maxTransportFailures: Int = 5

    @Option(name: .customLong("retry-budget"), help: "Seconds of waiting allowed across the retries of one request.")
    var retryBudget: Double = 30

    @Option(help: "Send at most this many requests per second across the run, e.g. 20, 20/s or 600/m.")
    var rate: String?

    @Flag(name: .customLong("strict-unknown"), help: "Fail on response fields the specs do not declare (default: record them as drift).")
    var strictUnknown = false

    @Flag(name: .customLong("fail-on-beta"), help: "Let beta specs and cases fail the run too.")
    var failOnBeta = false

    @Option(name: .customLong("cacert"), help: "A PEM file of CA certificates to trust for HTTPS.")
    var caCertificates: String?

    @Flag(help: "Do not verify TLS certificates (explicit opt-out; never the default).")
    var insecure = false

    @Flag(name: .customLong("allow-insecure-http"), help: "Allow credentials over plain http:// to a host that is not loopback.")
    var allowInsecureHTTP = false

    @Flag(name: .shortAndLong, help: "List every mismatch and each case's drift on the console.")
    var verbose = false

    func validate() throws {
        guard (1...Conform.maximumConcurrency).contains(effectiveConcurrency) else {
            throw ValidationError("--concurrency must be from 1 to \(Conform.maximumConcurrency)")
        }
        guard RequestTimeout.isValid(timeout) else { throw ValidationError("--timeout must be \(RequestTimeout.rule)") }
        guard RequestTimeout.isValid(connectTimeout) else { throw ValidationError("--connect-timeout must be \(RequestTimeout.rule)") }
        guard JUnitWriter.Dialect(rawValue: junitDialect) != nil else {
            throw ValidationError("--junit-dialect must be one of: \(JUnitWriter.Dialect.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if insecure && caCertificates != nil { throw ValidationError("--insecure and --cacert contradict each other") }
        _ = try caseSelection()
        guard ConsoleStyle.Choice(rawValue: color) != nil else {
            throw ValidationError("--color must be one of: \(ConsoleStyle.Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard ProgressDisplay.Choice(rawValue: progress) != nil else {
            throw ValidationError("--progress must be one of: \(ProgressDisplay.Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard retries >= 0 else { throw ValidationError("--retries must be 0 or more") }
        guard maxTransportFailures >= 0 else { throw ValidationError("--max-transport-failures must be 0 (never stop) or more") }
        guard retryBudget >= 0 else { throw ValidationError("--retry-budget must be 0 or more seconds") }
        _ = try requestRate()
    }

    func requestRate() throws -> Double? {
        guard let rate else { return nil }
        guard let value = RateLimit.parseRate(rate) else {
            throw ValidationError("--rate expects a rate up to \(Int(RateLimit.maximumRate))/s, e.g. --rate 20, 20/s or 600/m, found \"\(rate)\"")
        }
        return value
    }

    func caseSelection() throws -> Selection {
        var result = Selection()
        do {
            result.tagExpressions = try tags.map { text throws(Selection.ParseError) in try Selection.parseTags(text) }
            result.filterExpressions = try filter.map { text throws(Selection.ParseError) in try Selection.parseFilter(text) }
            result.shard = try shard.map { text throws(Selection.ParseError) in try Selection.parseShard(text) }
        } catch {
            throw ValidationError(error.description)
        }
        return result
    }

    mutating func execute() async throws {
        let resolved: TargetResolution.Resolved
        let allSpecs: [SpecFile]
        let shapes: CompiledShapes
        do {
            var resolution = selection.resolution(baseURL: baseURL)
            connection.apply(to: &resolution)
            resolved = try resolution.resolve()
            let loader = SpecLoader(knownVariables: Set(resolved.configuration.variables.keys),
                                    environment: resolved.configuration.environment)
            (allSpecs, shapes) = try loader.loadCompilingShapes(paths: selection.specPaths)
        } catch {
            throw failWithSpecErrors(error)
        }
        // A baseline that cannot be read is a usage error, found before sending anything.
        let baselineSnapshot: ContractSnapshot?
        do { baselineSnapshot = try baseline.map { path throws(ContractSnapshot.ReadError) in try ContractSnapshot.read(path: path) } } catch {
            StandardError.write("error: --baseline: \(error.description)\n")
            throw CommandExit(code: ExitCode.specError)
        }
        // A report that cannot be written would lose the run: find out before sending anything.
        for (flag, path) in [("--junit", junit), ("--report-markdown", reportMarkdown), ("--report-json", reportJSON), ("--report-html", reportHTML),
                             ("--snapshot", snapshot)] {
            guard let path else { continue }
            do { try AtomicFile.checkWritable(path) } catch {
                StandardError.write("error: \(flag) \(path): \(error)\n")
                throw CommandExit(code: ExitCode.specError)
            }
        }
        var configuration = resolved.configuration
        if let passphrase = clientCertificate(target: resolved.tls)?.keyPassword { configuration.extraSecrets.append(passphrase) }
        configuration.concurrency = effectiveConcurrency
        configuration.timeout = timeout
        configuration.connectTimeout = connectTimeout
        configuration.strictUnknown = strictUnknown
        configuration.failOnBeta = failOnBeta
        configuration.allowInsecureHTTP = configuration.allowInsecureHTTP || allowInsecureHTTP
        configuration.selection = try caseSelection()
        configuration.retry = RetryPolicy(maxRetries: retries, budget: retryBudget)
        configuration.rate = try requestRate()
        configuration.maxTransportFailures = maxTransportFailures
        configuration.failFast = FailFast(enabled: failFast)
        if snapshot != nil || baselineSnapshot != nil { configuration.snapshotRecorder = SnapshotRecorder(redactor: configuration.redactor) }
        if configuration.credentials != nil {
            do { try CredentialPolicy.check(url: configuration.baseURL, allowInsecureHTTP: configuration.allowInsecureHTTP) } catch {
                StandardError.write("error: \(error); the flag is --allow-insecure-http\n")
                throw CommandExit(code: ExitCode.specError)
            }
        }
        let signals = SignalWatcher(interruption: configuration.interruption)
        let specs = configuration.selection.files(allSpecs)

        let tls: TLSVerification = insecure ? .insecure : ((caCertificates ?? resolved.tls?.caFile).map { TLSVerification.caFile($0) } ?? .system)
        let client: HTTPClient
        do {
            var clientConfiguration = HTTPClientConfiguration(maxConnections: effectiveConcurrency, tls: tls)
            clientConfiguration.clientCertificate = clientCertificate(target: resolved.tls)
            client = try HTTPClient(configuration: clientConfiguration)
        } catch {
            StandardError.write("error: cannot start the HTTP client: \(error)\n")
            throw CommandExit(code: ExitCode.transport)
        }
        let redactor = configuration.redactor  // gathers the secrets: once, not per use
        let environment = ProcessInfo.processInfo.environment
        let isTerminal = isatty(STDOUT_FILENO) == 1
        let style = ConsoleStyle.decide(ConsoleStyle.Choice(rawValue: color) ?? .auto, environment: environment, isTerminal: isTerminal)
        let sources = SourceTexts(specs: specs, shapes: shapes)
        let console = ConsoleReport(redactor: redactor, verbose: verbose, credentialsConfigured: configuration.credentials != nil,
                                    style: style, sources: sources)
        print(console.header(specCount: specs.count, target: configuration.baseURL), terminator: "")
        if configuration.credentials == nil, configuration.auth != .none {
            print(console.credentialsNote(hint: configuration.credentialHint), terminator: "")
        } else if configuration.credentials != nil, !resolved.authChosen, !JourneyAppsURL.looksLikeDeployment(configuration.baseURL) {
            // The default scheme is JourneyApps' own; say so where it may surprise.
            print(console.defaultAuthNote(), terminator: "")
        }
        let runner = Runner(configuration: configuration, transport: client, shapes: shapes)
        let live = ProgressDisplay.isLive(ProgressDisplay.Choice(rawValue: progress) ?? .auto, environment: environment,
                                          isTerminal: isTerminal)
        let display = ProgressDisplay(live: live, totalFiles: specs.count, style: style) { text in
            // Flushed at once: the status line has no newline, and a CI log should show a file's
            // line when it finishes, not when the buffer fills.
            print(text, terminator: "")
            fflush(nil)
        }
        fflush(nil)
        let ticking = display.startTicking()
        var baselineBlock = ""
        var result = await runner.run(specs, onSpecCompleted: { spec in
            display.finished(spec, block: console.lines(for: spec))
        })
        if let recorder = configuration.snapshotRecorder {
            let observed = recorder.snapshot()
            if let snapshot {
                do { try AtomicFile.write(Array((observed.json().prettyText + "\n").utf8), to: snapshot) } catch {
                    StandardError.write("error: --snapshot: \(error)\n")
                }
            }
            if let baselineSnapshot, let baseline {
                // One more "file" in every report: the endpoints compared with the baseline.
                let check = BaselineCheck.result(baseline: baselineSnapshot, current: observed, baselinePath: baseline, redactor: redactor)
                baselineBlock = console.lines(for: check)
                result = RunResult(specs: result.specs + [check], startedAt: result.startedAt, duration: result.duration,
                                   targetDescription: result.targetDescription, abandonedTargets: result.abandonedTargets)
            }
        }
        ticking?.cancel()
        display.end()
        print(baselineBlock, terminator: "")
        await client.shutdown()
        let report = JUnitReport(run: result, redactor: redactor)
        do {
            try JUnitWriter(dialect: JUnitWriter.Dialect(rawValue: junitDialect) ?? .jenkins).write(report, to: junit)
        } catch {
            // Checked before the run, so this is the disk failing under us: not a verdict.
            StandardError.write("error: \(error)\n")
            throw CommandExit(code: Conform.internalErrorCode)
        }
        // A signal ends the process with 128 + its number; the reports say the same code.
        let signal = signals.received
        let exitCode = signal.map { 128 + $0.number } ?? result.exitCode
        writeExtraReports(result, redactor: redactor, sources: sources, exitCode: exitCode)
        print(console.recap(for: result), terminator: "")
        print(console.summary(for: result), terminator: "")
        if configuration.credentials == nil, configuration.auth != .none {
            print(console.unauthorizedNote(for: result, hint: configuration.credentialHint), terminator: "")
        }
        print("JUnit report: \(junit)")
        for (label, path) in [("JSON report", reportJSON), ("HTML report", reportHTML), ("Markdown summary", reportMarkdown),
                              ("Snapshot", snapshot)] {
            if let path { print("\(label): \(path)") }
        }
        print(console.verdict(for: result, interruptedBy: signal?.name), terminator: "")
        // The process ends here instead of unwinding: freeing the loaded suite, its shapes and
        // every result (~12 M instructions for 2,000 cases, on one core while the other idles)
        // serves no one. `exit` flushes standard output.
        withExtendedLifetime((allSpecs, shapes, result, runner)) { Foundation.exit(exitCode) }
    }

    /// `--cert`/`--key` over the target's `tls: { cert, key }`; the passphrase from the named
    /// variable (checked to be set when the target was resolved, or here for the flag).
    func clientCertificate(target: TargetConfig.TargetTLS?) -> ClientCertificate? {
        let environment = ProcessInfo.processInfo.environment
        if let certificate = connection.clientCertificate, let key = connection.clientKey {
            return ClientCertificate(certificateFile: certificate, keyFile: key,
                                     keyPassword: connection.keyPasswordVariable.flatMap { environment[$0] })
        }
        guard let target, let certificate = target.certificateFile, let key = target.keyFile else { return nil }
        return ClientCertificate(certificateFile: certificate, keyFile: key, keyPassword: target.keyPasswordVariable.flatMap { environment[$0] })
    }

    /// The JSON report, the HTML page, the Markdown summary (`--report-markdown`, GitHub's job summary) and, on
    /// GitHub Actions, annotations on the spec lines of the cases that did not pass.
    func writeExtraReports(_ result: RunResult, redactor: Redactor, sources: SourceTexts, exitCode: Int32) {
        let environment = ProcessInfo.processInfo.environment
        if let reportJSON {
            let text = JSONReport.value(for: result, redactor: redactor, exitCode: exitCode).prettyText + "\n"
            do { try AtomicFile.write(Array(text.utf8), to: reportJSON) } catch {
                StandardError.write("error: --report-json: \(error)\n")
            }
        }
        if let reportHTML {
            let page = HTMLReport.text(for: result, redactor: redactor, sources: sources, exitCode: exitCode)
            do { try AtomicFile.write(Array(page.utf8), to: reportHTML) } catch {
                StandardError.write("error: --report-html: \(error)\n")
            }
        }
        // Written only when someone reads it: for a large run it costs as much as a few hundred requests.
        let stepSummary = !(environment["GITHUB_STEP_SUMMARY"] ?? "").isEmpty
        if reportMarkdown != nil || stepSummary {
            let markdown = MarkdownReport.text(for: result, redactor: redactor, exitCode: exitCode)
            if let reportMarkdown {
                do { try AtomicFile.write(Array(markdown.utf8), to: reportMarkdown) } catch {
                    StandardError.write("error: --report-markdown: \(error)\n")
                }
            }
            if let warning = MarkdownReport.appendToStepSummary(markdown, environment: environment) { StandardError.write(warning) }
        }
        if environment["GITHUB_ACTIONS"] == "true" {
            print(GitHubAnnotations.commands(for: result, redactor: redactor), terminator: "")
        }
    }
}
