import ConformHTTP
import ConformShape
import ConformSpec
import Foundation

/// Runs one spec file: its variables, its cases in order, then its teardown, which always
/// runs, whatever happened before.
struct SpecExecutor: Sendable {
    let spec: SpecFile
    let configuration: RunConfiguration
    let dispatcher: RequestDispatcher
    let shapes: CompiledShapes
    let builder: RequestBuilder
    let redactor: Redactor
    /// `${target.NAME}` values, worked out once per run (`VariableScope.facts(forBaseURL:)`
    /// parses the base URL with Foundation, ~30,000 instructions).
    let targetFacts: [String: String]

    func run() async -> SpecResult {
        let started = Date()
        let clock = ContinuousClock()
        let start = clock.now
        var scope = VariableScope(values: [:], environment: configuration.environment,
                                  targetFacts: targetFacts)
        // Spec variables are defaults: target and command-line values win.
        for definition in spec.variables {
            if let value = configuration.variables[definition.name] { scope.set(definition.name, value); continue }
            if let value = try? scope.json(definition.value) { scope.set(definition.name, value) }
        }
        for (name, value) in configuration.variables { scope.set(name, value) }

        // Cookies stay within a file, so files running side by side never share a session.
        var jar: CookieJar? = (spec.cookies ?? configuration.cookies) ? CookieJar() : nil
        var results: [CaseResult] = []
        var capturedBy: [String: String] = [:]
        for specCase in spec.cases {
            let gates = configuration.failOnBeta || (specCase.stability ?? spec.stability) == .stable
            func notRun(_ status: CaseResult.Status, _ reason: Diagnostic.NotRunReason, _ message: String) -> CaseResult {
                CaseResult(name: specCase.name, id: specCase.id, location: specCase.location, status: status,
                           diagnostics: [Diagnostic(.notRun(reason: reason), message, at: specCase.location)],
                           drift: [], gates: gates, duration: 0, transcript: nil)
            }
            if let deselection = configuration.selection.deselection(ofCase: specCase.name, tags: Set(spec.tags + specCase.tags),
                                                                     inFile: spec.path) {
                results.append(notRun(.skipped, .deselected, "not run: deselected by \(deselection)"))
                continue
            }
            if let interrupted = configuration.interruption.reason {
                results.append(notRun(.skipped, .interrupted, interrupted))
                continue
            }
            if let stopped = configuration.failFast.reason, case .failFast(let name, let file) = stopped {
                results.append(notRun(.skipped, stopped, "not run: " + FailFast.sentence(afterCase: name, file: file)))
                continue
            }
            let result = await runCase(specCase, gates: gates, scope: &scope, capturedBy: capturedBy, jar: &jar)
            for capture in specCase.step.captures where capturedBy[capture.variable] == nil {
                capturedBy[capture.variable] = specCase.name
            }
            if result.reported == .failed || result.reported == .error {
                configuration.failFast.caseFailed(result.name, in: spec.path)
            }
            results.append(result)
        }
        var teardownProblems: [Diagnostic] = []
        for step in spec.teardown {
            teardownProblems += await runTeardown(step, scope: &scope, jar: &jar)
        }
        return SpecResult(path: spec.path, name: spec.name, endpoint: spec.endpoint.description, stability: spec.stability,
                          cases: results, teardownProblems: teardownProblems, startedAt: started,
                          duration: (clock.now - start).seconds)
    }

    func runCase(_ specCase: SpecCase, gates: Bool, scope: inout VariableScope, capturedBy: [String: String],
                 jar: inout CookieJar?) async -> CaseResult {
        let clock = ContinuousClock()
        let start = clock.now
        var log: [String] = []
        func result(_ status: CaseResult.Status, _ diagnostics: [Diagnostic], drift: [DriftRecord] = [], driftOmitted: Int = 0,
                    transcript: Transcript? = nil, retries: [RetryNote] = []) -> CaseResult {
            CaseResult(name: specCase.name, id: specCase.id, location: specCase.location, status: status,
                       diagnostics: diagnostics, drift: drift, driftOmitted: driftOmitted, gates: gates,
                       duration: (clock.now - start).seconds,
                       transcript: status == .passed ? nil : transcript, retries: retries, exchanges: log)
        }
        let step = specCase.step
        let exchanged: Exchanged
        do {
            exchanged = try await exchange(step, scope: scope, jar: &jar, gates: gates)
        } catch {
            switch error {
            case .unbound(let name):
                let because = capturedBy[name].map { " because the case \"\($0)\" did not capture it" } ?? ""
                return result(.skipped, [Diagnostic(.notRun(reason: .unbound(variable: name)),
                                                    "not run: `${\(name)}` has no value\(because)", at: step.request.location)])
            case .credentials(let problem):
                return result(.error, [Diagnostic(.notRun(reason: .credentials), "not sent: \(problem)", at: step.request.location)])
            }
        }
        log = exchanged.log
        let request = exchanged.last.request
        let sent = exchanged.last.sent
        let response: HTTPResponse
        switch sent.outcome {
        case .response(let answer) where !exchanged.interrupted:
            response = answer
        case .transport(let error) where !(error.kind == .cancelled && configuration.interruption.isInterrupted) && !exchanged.interrupted:
            return result(.error, [Self.diagnostic(for: error, at: step.request.location)],
                          transcript: Transcript(request: TranscriptText.request(request, redactor: redactor), response: nil,
                                                 replay: replay(request)),
                          retries: sent.retries)
        case .notSent(let reason) where !exchanged.interrupted:
            return result(.error, [Diagnostic(.notRun(reason: .unresponsive), reason, at: step.request.location)],
                          retries: sent.retries)
        default:
            // Cut short by SIGINT/SIGTERM (a transfer or a wait between attempts): not checked,
            // not a transport failure.
            return result(.skipped, [Diagnostic(.notRun(reason: .interrupted), configuration.interruption.reason ?? "not run: interrupted",
                                                at: step.request.location)])
        }
        let checker = ResponseChecker(expectation: step.expect, shape: step.expect.shape.flatMap { shapes[$0] }, shapes: shapes,
                                      rejectUnknown: configuration.strictUnknown || spec.unknownFields == .reject,
                                      stepLocation: step.location, interruption: configuration.interruption)
        let outcome = await checker.checkAwayFromIOWhenLarge(response, scope: scope)
        if configuration.interruption.isInterrupted,
            outcome.diagnostics.contains(where: { if case .undecided = $0.kind { true } else { false } })
        {
            // A match the signal stopped decided nothing: not run, like a request cut short.
            return result(.skipped, [Diagnostic(.notRun(reason: .interrupted), configuration.interruption.reason ?? "not run: interrupted",
                                                at: step.location)])
        }
        configuration.snapshotRecorder?.record(method: step.request.method, path: step.request.pathPattern, response: response,
                                               json: outcome.json, caseLabel: "\(spec.path): \(specCase.name)")
        var diagnostics = exchanged.untilFailures + outcome.diagnostics
        if let time = step.expect.time, let slow = Self.timeDiagnostic(time, elapsed: exchanged.last.elapsed) { diagnostics.append(slow) }
        // Capture even when checks failed, so teardown can still remove what was created.
        diagnostics += capture(step.captures, from: response, json: outcome.json, into: &scope)
        // A broken expectation fails the case; a spec error only a run could find (a
        // templated path that is no path) or a check that could not be decided makes it an
        // error; checks left undone for want of a captured variable make it "not run". None
        // of these passes silently.
        let status: CaseResult.Status
        if diagnostics.contains(where: { $0.category == .assertion }) {
            status = .failed
        } else if diagnostics.contains(where: { $0.category == .spec || $0.category == .couldNotCheck }) {
            status = .error
        } else if !outcome.unchecked.isEmpty {
            status = .skipped
        } else {
            status = .passed
        }
        for (variable, diagnostic) in outcome.unchecked {
            let because = capturedBy[variable].map { " because the case \"\($0)\" did not capture it" } ?? ""
            diagnostics.append(Diagnostic(diagnostic.kind, diagnostic.message + because, at: diagnostic.location))
        }
        // Transcripts are for reading failures: building (and redacting) one per passing case
        // would cost more than the request itself.
        let transcript = status == .passed ? nil
            : Transcript(request: TranscriptText.request(request, redactor: redactor),
                         response: TranscriptText.response(response, redactor: redactor),
                         replay: replay(request),
                         responseExcerpt: TranscriptText.excerpt(of: response, json: outcome.json, redactor: redactor))
        let drift = DriftRecord.bounded(outcome.drift, redactor: redactor)
        return result(status, diagnostics, drift: drift.records, driftOmitted: drift.omitted + outcome.driftOmitted, transcript: transcript,
                      retries: sent.retries)
    }

    func replay(_ request: HTTPRequest) -> String {
        CurlReplay.command(for: request, credentials: configuration.credentials, auth: configuration.auth, redactor: redactor)
    }

    /// What sending a step came to: its last exchange, what happened on the way (redirects,
    /// attempts of `retry`), and, when `retry.until` was never met, why.
    struct Exchanged {
        let last: ExchangeSender.Outcome
        let log: [String]
        let untilFailures: [Diagnostic]
        /// A signal arrived while waiting between attempts.
        let interrupted: Bool
    }

    /// Sends a step's request (following redirects, with the file's cookies) and, with
    /// `retry: { until, every, for }`, again until its response satisfies `until` or time runs
    /// out. Each attempt builds the request afresh (a `${uuid()}` is new each time).
    func exchange(_ step: SpecStep, scope: VariableScope, jar: inout CookieJar?, gates: Bool,
                  interruptible: Bool = true) async throws(RequestBuilder.Failure) -> Exchanged {
        let redirects = step.request.followRedirects ?? configuration.followRedirects
        let sender = ExchangeSender(dispatcher: dispatcher, redactor: redactor, allowInsecureHTTP: configuration.allowInsecureHTTP)
        let clock = ContinuousClock()
        let start = clock.now
        var built = try builder.build(step.request, scope: scope)
        var last = await sender.send(built.request, credentials: built.credentials, redirects: redirects, jar: &jar, gates: gates,
                                     interruptible: interruptible)
        var log = last.hops
        guard let poll = step.poll else { return Exchanged(last: last, log: log, untilFailures: [], interrupted: false) }
        let checker = ResponseChecker(expectation: poll.until, shape: nil, shapes: shapes, rejectUnknown: false,
                                      stepLocation: step.location, interruption: configuration.interruption)
        var attempt = 1
        while true {
            guard case .response(let response) = last.sent.outcome else {
                log.append("attempt \(attempt): no answer; stopped waiting")
                return Exchanged(last: last, log: log, untilFailures: [], interrupted: false)
            }
            var unmet = await checker.checkAwayFromIOWhenLarge(response, scope: scope).diagnostics.filter { $0.category != .assertion ? false : true }
            if let time = poll.until.time, let slow = Self.timeDiagnostic(time, elapsed: last.elapsed) { unmet.append(slow) }
            let waited = (clock.now - start).seconds
            if unmet.isEmpty {
                log.append("attempt \(attempt) (\(Self.seconds(waited))): status \(response.status), `until` met")
                return Exchanged(last: last, log: log, untilFailures: [], interrupted: false)
            }
            log.append("attempt \(attempt) (\(Self.seconds(waited))): status \(response.status), not yet: \(redactor.redact(unmet[0].message))")
            guard waited + poll.interval <= poll.limit else {
                let prefix = "still not met after \(attempt) attempt\(attempt == 1 ? "" : "s") in \(Self.seconds(waited)) "
                    + "(retry: every \(Self.seconds(poll.interval)) for \(Self.seconds(poll.limit))): "
                let failures = unmet.map { Diagnostic($0.kind, prefix + $0.message, at: $0.location, renameCandidate: $0.renameCandidate) }
                return Exchanged(last: last, log: log, untilFailures: failures, interrupted: false)
            }
            try? await Task.sleep(for: .milliseconds(Int64(poll.interval * 1000)))
            if interruptible && configuration.interruption.isInterrupted {
                return Exchanged(last: last, log: log, untilFailures: [], interrupted: true)
            }
            attempt += 1
            built = try builder.build(step.request, scope: scope)
            last = await sender.send(built.request, credentials: built.credentials, redirects: redirects, jar: &jar, gates: gates,
                                     interruptible: interruptible)
            log += last.hops
        }
    }

    /// `expect.time` broken: the measured time is over the limit.
    static func timeDiagnostic(_ time: TimeExpectation, elapsed: Double) -> Diagnostic? {
        guard elapsed > time.maxSeconds else { return nil }
        let limit = time.maxSeconds * 1000, measured = elapsed * 1000
        return Diagnostic(.tooSlow(limitMilliseconds: limit, measuredMilliseconds: measured),
                          "the response took \(milliseconds(measured)), more than the \(milliseconds(limit)) allowed", at: time.location)
    }

    static func milliseconds(_ value: Double) -> String {
        value >= 100 ? "\(Int(value.rounded())) ms" : String(format: "%.1f ms", value)
    }

    /// `50 ms` below a second, `1.5 s` above.
    static func seconds(_ value: Double) -> String {
        value < 1 ? "\(Int((value * 1000).rounded())) ms" : String(format: "%.1f s", value)
    }

    func capture(_ captures: [Capture], from response: HTTPResponse, json: JSONValue?, into scope: inout VariableScope) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for capture in captures {
            let value: JSONValue?
            switch capture.source {
            case .json(let path): value = json.flatMap { path.resolve(in: $0)?.value }
            case .header(let name): value = response.headers[name].map { .string($0) }
            }
            if let value, !value.isNull {
                scope.set(capture.variable, value)
            } else {
                problems.append(Diagnostic(.captureMissing(variable: capture.variable, source: capture.source.description),
                                           "capture `\(capture.variable)`: \(capture.source) is missing from the response",
                                           at: capture.location))
            }
        }
        return problems
    }

    /// Teardown problems are reported but never change a case's verdict. A step that needs a
    /// variable that was never captured has nothing to clean up and is skipped quietly.
    func runTeardown(_ step: SpecStep, scope: inout VariableScope, jar: inout CookieJar?) async -> [Diagnostic] {
        let exchanged: Exchanged
        do {
            // After a signal, clean up, but quickly: the user asked the run to stop.
            let builder = configuration.interruption.isInterrupted ? builder.withTimeoutCap(RunInterruption.teardownTimeout) : builder
            let executor = SpecExecutor(spec: spec, configuration: configuration, dispatcher: dispatcher, shapes: shapes, builder: builder,
                                        redactor: redactor, targetFacts: targetFacts)
            exchanged = try await executor.exchange(step, scope: scope, jar: &jar, gates: configuration.failOnBeta || spec.stability == .stable,
                                                    interruptible: false)
        } catch {
            switch error {
            case .unbound: return []
            case .credentials(let problem):
                return [Diagnostic(.notRun(reason: .credentials), "teardown not sent: \(problem)", at: step.location)]
            }
        }
        let sent = exchanged.last.sent
        switch sent.outcome {
        case .response(let response):
            let checker = ResponseChecker(expectation: step.expect, shape: step.expect.shape.flatMap { shapes[$0] }, shapes: shapes,
                                          rejectUnknown: false, stepLocation: step.location,
                                          interruption: configuration.interruption)
            let outcome = await checker.checkAwayFromIOWhenLarge(response, scope: scope)
            _ = capture(step.captures, from: response, json: outcome.json, into: &scope)
            var problems = exchanged.untilFailures + outcome.diagnostics
            if let time = step.expect.time, let slow = Self.timeDiagnostic(time, elapsed: exchanged.last.elapsed) { problems.append(slow) }
            return problems
        case .transport(let error):
            return [Self.diagnostic(for: error, at: step.location)]
        case .notSent(let reason):
            return [Diagnostic(.notRun(reason: .unresponsive), "teardown \(reason)", at: step.location)]
        }
    }

    static func diagnostic(for error: TransportError, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.transport(url: error.url, code: error.code ?? 0, name: error.codeName ?? "", reason: error.detail ?? error.summary,
                              kind: Diagnostic.TransportKind(error.kind)),
                   error.description, at: location)
    }
}

extension Diagnostic.TransportKind {
    /// The client's class of a transport error, as the reports name it.
    init(_ kind: TransportError.Kind) {
        self = Self(rawValue: kind.rawValue) ?? .other
    }
}

extension Duration {
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
