import ConformShape

/// Checks, before anything is sent, that every `${name}` a spec uses will have a value when
/// its request is built: a target or command-line variable, a spec variable defined above it,
/// a capture of an earlier case, or a set environment variable.
struct VariableCheck {
    let knownFromTarget: Set<String>
    let environment: [String: String]
    let sink: DiagnosticSink

    func check(_ spec: SpecFile) {
        var scope = knownFromTarget
        for definition in spec.variables {
            checkTemplates(definition.value.templates, scope: scope, laterCaptures: [:])
            scope.insert(definition.name)
        }
        let allCaptures = Dictionary(spec.cases.flatMap { c in c.step.captures.map { ($0.variable, $0.location) } },
                                     uniquingKeysWith: { first, _ in first })
        // By index, and the templates visited in place: copying every case, or listing its
        // templates in an array, cost more than checking them (~7,000 instructions a case).
        for index in spec.cases.indices {
            Self.forEachTemplate(in: spec.cases[index].step) { checkTemplate($0, scope: scope, laterCaptures: allCaptures) }
            for capture in spec.cases[index].step.captures { scope.insert(capture.variable) }
        }
        // Teardown may use any capture: a step whose variables were never captured (because
        // the case that captures them failed) is skipped at run time, not an error.
        for index in spec.teardown.indices {
            Self.forEachTemplate(in: spec.teardown[index]) { checkTemplate($0, scope: scope, laterCaptures: [:]) }
            for capture in spec.teardown[index].captures { scope.insert(capture.variable) }
        }
    }

    /// Calls `body` with every template of `step`: its request's and its expectations'.
    static func forEachTemplate(in step: SpecStep, _ body: (Template) -> Void) {
        let request = step.request
        switch request.target {
        case .path(let t), .url(let t): body(t)
        }
        for (name, value) in request.query { body(name); body(value) }
        for (name, value) in request.headers { body(name); body(value) }
        switch request.auth {
        case .basic(let user, let password): body(user); body(password)
        case .token(let t), .bearer(let t): body(t)
        case .default, .none: break
        }
        switch request.body {
        case .json(let t)?, .form(let t)?: t.templates.forEach(body)
        case .raw(let t, let contentType)?: body(t); if let contentType { body(contentType) }
        case nil: break
        }
        for header in step.expect.headers {
            switch header.rule {
            case .equals(let t), .contains(let t): body(t)
            case .matches, .present: break
            }
        }
        for value in step.expect.values { value.expected.templates.forEach(body) }
        for value in step.expect.values { if case .templated(let t) = value.path { body(t) } }
        switch step.expect.body {
        case .json(let t, _)?: t.templates.forEach(body)
        case .contains(let t, _)?: body(t)
        case .empty?, nil: break
        }
    }

    func checkTemplates(_ templates: [Template], scope: Set<String>, laterCaptures: [String: SourceLocation]) {
        for template in templates { checkTemplate(template, scope: scope, laterCaptures: laterCaptures) }
    }

    func checkTemplate(_ template: Template, scope: Set<String>, laterCaptures: [String: SourceLocation]) {
        for (index, reference) in template.references.enumerated() {
            switch reference {
            case .variable(let name) where !scope.contains(name):
                let location = template.location(ofReference: index)
                if let captured = laterCaptures[name] {
                    sink.add(Diagnostic(.unknownVariable(name: name, suggestion: nil),
                                        "`${\(name)}` is used before it is captured (line \(captured.line)); cases run in order",
                                        at: location))
                } else {
                    let suggestion = Suggestion.closest(to: name, in: scope)
                    let hint = suggestion.map { ", did you mean `${\($0)}`?" } ?? ""
                    sink.add(Diagnostic(.unknownVariable(name: name, suggestion: suggestion),
                                        "unknown variable `${\(name)}`\(hint) (define it under `vars`, capture it in an earlier case, or pass --var \(name)=...)",
                                        at: location))
                }
            case .environment(let name) where environment[name] == nil:
                sink.add(Diagnostic(.unknownVariable(name: "env.\(name)", suggestion: nil),
                                    "environment variable `\(name)` is not set (used as `${env.\(name)}`)",
                                    at: template.location(ofReference: index)))
            default:
                break
            }
        }
    }
}
