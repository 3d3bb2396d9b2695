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
        // By index: `for specCase in spec.cases` copied every case (~2,000 instructions each).
        for index in spec.cases.indices {
            checkTemplates(templates(in: spec.cases[index].step), scope: scope, laterCaptures: allCaptures)
            for capture in spec.cases[index].step.captures { scope.insert(capture.variable) }
        }
        // Teardown may use any capture: a step whose variables were never captured (because
        // the case that captures them failed) is skipped at run time, not an error.
        for step in spec.teardown {
            checkTemplates(templates(in: step), scope: scope, laterCaptures: [:])
            for capture in step.captures { scope.insert(capture.variable) }
        }
    }

    func templates(in step: SpecStep) -> [Template] {
        var result: [Template] = []
        let request = step.request
        switch request.target {
        case .path(let t), .url(let t): result.append(t)
        }
        result += request.query.flatMap { [$0.name, $0.value] } + request.headers.flatMap { [$0.name, $0.value] }
        switch request.auth {
        case .basic(let user, let password): result += [user, password]
        case .token(let t), .bearer(let t): result.append(t)
        case .default, .none: break
        }
        switch request.body {
        case .json(let t)?, .form(let t)?: result += t.templates
        case .raw(let t, let contentType)?: result.append(t); if let contentType { result.append(contentType) }
        case nil: break
        }
        for header in step.expect.headers {
            switch header.rule {
            case .equals(let t), .contains(let t): result.append(t)
            case .matches, .present: break
            }
        }
        result += step.expect.values.flatMap(\.expected.templates)
        result += step.expect.values.compactMap { if case .templated(let t) = $0.path { t } else { nil } }
        switch step.expect.body {
        case .json(let t, _)?: result += t.templates
        case .contains(let t, _)?: result.append(t)
        case .empty?, nil: break
        }
        return result
    }

    func checkTemplates(_ templates: [Template], scope: Set<String>, laterCaptures: [String: SourceLocation]) {
        for template in templates {
            for (index, reference) in template.references.enumerated() {
                let location = template.location(ofReference: index)
                switch reference {
                case .variable(let name) where !scope.contains(name):
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
                                        "environment variable `\(name)` is not set (used as `${env.\(name)}`)", at: location))
                default:
                    break
                }
            }
        }
    }
}
