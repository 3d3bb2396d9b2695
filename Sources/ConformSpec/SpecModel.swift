public import ConformShape

/// One spec file: an endpoint's contract as cases run in order, then teardown.
public struct SpecFile: Sendable {
    /// The path as the user named it (relative when they gave a relative path).
    public let path: String
    public let name: String
    public let endpoint: Endpoint
    public let description: String?
    public let tags: [String]
    public let stability: Stability
    public let unknownFields: UnknownFieldPolicy
    /// Files of the same group run one after another (in path order), never at the same time:
    /// for specs that change shared state, such as one test user.
    public let group: String?
    /// `cookies: true`: cookies a response sets are sent by the later cases of this file
    /// (`nil`: as the target or `--cookies` say).
    public let cookies: Bool?
    /// Spec-level variables, evaluated once per run in order; target values override them.
    public let variables: [VariableDefinition]
    public let cases: [SpecCase]
    /// Steps that always run after the cases, even when a case failed.
    public let teardown: [SpecStep]
    public let location: SourceLocation
    /// The file as it was loaded, so a report can show the line a diagnostic points at even
    /// if the file changes on disk during the run.
    public internal(set) var sourceText: String = ""
}

/// `GET /objects/{model}.json`: what the spec is about, for listing and coverage.
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    public let method: String
    public let path: String
    public var description: String { "\(method) \(path)" }
}

public enum Stability: String, Sendable, CaseIterable {
    case stable, beta
}

/// What an undeclared response field means for this spec (the contract rule: allowed by
/// default and recorded as drift; `reject` makes it a failure).
public enum UnknownFieldPolicy: String, Sendable, CaseIterable {
    case allow, reject
}

public struct VariableDefinition: Sendable {
    public let name: String
    public let value: JSONTemplate
    public let location: SourceLocation
}

/// One case: a request and what its response must satisfy.
public struct SpecCase: Sendable {
    public let name: String
    /// A stable identifier derived from the name (for JUnit and `--only`).
    public let id: String
    public let tags: [String]
    /// A case may be beta inside a stable spec (an undocumented detail).
    public let stability: Stability?
    public let step: SpecStep
    public let location: SourceLocation
}

/// A request, its expectations and what to capture from the response.
public struct SpecStep: Sendable {
    public let name: String?
    public let request: RequestTemplate
    public let expect: Expectation
    public let captures: [Capture]
    /// `retry: { until, every, for }`: send again until the response satisfies `until`.
    public let poll: PollPolicy?
    public let location: SourceLocation
}

/// For eventually consistent APIs: the request is sent again every `interval` until its
/// response satisfies `until`, for at most `limit` seconds; then `expect` is checked on the
/// last response. Every attempt is recorded in the result.
public struct PollPolicy: Sendable {
    public let until: Expectation
    /// Seconds between the end of one attempt and the start of the next.
    public let interval: Double
    /// Seconds from the first attempt after which no new attempt starts.
    public let limit: Double
    public let location: SourceLocation
}

/// `expect.time: { max: 500ms }`: a contract on latency, measured from the request's start to
/// its complete response (all hops, when redirects are followed).
public struct TimeExpectation: Sendable {
    public let maxSeconds: Double
    public let location: SourceLocation
}

public struct RequestTemplate: Sendable {
    public enum Target: Sendable {
        /// Appended to the target's base URL.
        case path(Template)
        /// A complete URL (e.g. another deployment on the same host).
        case url(Template)
    }

    public enum Body: Sendable {
        case json(JSONTemplate)
        /// `application/x-www-form-urlencoded`; nested maps become Rails brackets `task[name]=x`.
        case form(JSONTemplate)
        case raw(Template, contentType: Template?)
    }

    public let method: String
    public let target: Target
    public let query: [(name: Template, value: Template)]
    public let headers: [(name: Template, value: Template)]
    public let auth: AuthChoice
    public let body: Body?
    public let timeout: Double?
    /// `nil`: as the target (or the default: off) says.
    public let followRedirects: RedirectPolicy?
    public let location: SourceLocation
}

/// Which credentials a request carries. Secrets never live in a spec: `default` uses the
/// target's credentials (from the environment); the others exist to test rejection.
public enum AuthChoice: Sendable {
    case `default`
    case none
    case basic(username: Template, password: Template)
    /// `Authorization: Bearer O:<token>`.
    case token(Template)
    /// `Authorization: Bearer <token>`, without the `O:` prefix.
    case bearer(Template)
}

public struct Expectation: Sendable {
    public var status: StatusExpectation?
    public var headers: [HeaderExpectation] = []
    public var shape: ShapeSource?
    public var values: [ValueExpectation] = []
    public var body: BodyExpectation?
    public var time: TimeExpectation?

    public init() {}

    /// Whether a response body must be parsed as JSON to check this.
    public var needsJSON: Bool { shape != nil || !values.isEmpty || { if case .json = body { true } else { false } }() }
}

public struct StatusExpectation: Sendable, CustomStringConvertible {
    public enum Pattern: Sendable, Hashable {
        case exact(Int)
        /// `2xx`: any status from 200 to 299.
        case classOf(Int)
    }

    public let patterns: [Pattern]
    public let location: SourceLocation

    public func matches(_ status: Int) -> Bool {
        patterns.contains { pattern in
            switch pattern {
            case .exact(let code): status == code
            case .classOf(let hundreds): status / 100 == hundreds
            }
        }
    }

    public var description: String {
        let texts = patterns.map { pattern in
            switch pattern {
            case .exact(let code): String(code)
            case .classOf(let hundreds): "\(hundreds)xx"
            }
        }
        return texts.count == 1 ? texts[0] : "one of " + texts.joined(separator: ", ")
    }
}

public struct HeaderExpectation: Sendable {
    public enum Rule: Sendable {
        case equals(Template)
        case contains(Template)
        /// A regular expression searched in the value.
        case matches(String)
        case present(Bool)
    }

    public let name: String
    public let rule: Rule
    public let location: SourceLocation
}

/// A JSON Schema for the response body: inline or a `$ref` to a shared shape file.
public struct ShapeSource: Sendable {
    /// The schema as written (an inline schema, or `{ $ref: ../shapes/x.yaml }`).
    public let schema: JSONValue
    public let sourceMap: SourceMap
    /// Absolute path of the file the schema was written in; `$ref`s resolve against it.
    public let documentPath: String
    /// JSON Pointer of the schema inside that file (e.g. `/cases/0/expect/shape`).
    public let pointer: String
    public let location: SourceLocation
}

/// `values: { $.status.key: 1 }`: the value at a JSON path must equal this.
public struct ValueExpectation: Sendable {
    public enum Path: Sendable, CustomStringConvertible {
        case fixed(SelectorPath)
        /// A path naming a variable (`$['${text_field}']`), read once the variable has a value.
        case templated(Template)

        public var description: String {
            switch self {
            case .fixed(let path): path.description
            case .templated(let template): template.source
            }
        }
    }

    public let path: Path
    public let expected: JSONTemplate
    public let location: SourceLocation
}

public enum BodyExpectation: Sendable {
    /// The body must be empty (e.g. DELETE answers 200 with no body).
    case empty(SourceLocation)
    /// The body must match this JSON value as `values` do: expected objects are at least their
    /// members, additions are drift (failures under `--strict-unknown`). Prefer `shape` and `values`.
    case json(JSONTemplate, SourceLocation)
    /// The body text must contain this.
    case contains(Template, SourceLocation)
}

/// Where a captured variable's value comes from.
public struct Capture: Sendable {
    public enum Source: Sendable, CustomStringConvertible {
        case json(SelectorPath)
        case header(String)

        public var description: String {
            switch self {
            case .json(let path): path.description
            case .header(let name): "header \(name)"
            }
        }
    }

    public let variable: String
    public let source: Source
    public let location: SourceLocation
}

/// How long a request may take: a spec's `timeout`, `--timeout` and `--connect-timeout` are
/// checked against the same bounds, so a typo like `1e16` is a clear error rather than a
/// conversion trap, and a tiny value does not round down to "no time at all".
public enum RequestTimeout {
    /// One millisecond: libcurl's resolution.
    public static let minimumSeconds = 0.001
    /// A day: longer is surely a mistake.
    public static let maximumSeconds = 86_400.0

    public static func isValid(_ seconds: Double) -> Bool {
        seconds.isFinite && seconds >= minimumSeconds && seconds <= maximumSeconds
    }

    /// What the checks above say, for error messages.
    public static let rule = "a number of seconds from 0.001 to 86400"
}

extension RequestTemplate {
    /// The path as a template, placeholders written `{name}` (`/objects/{model}/{id}.json`),
    /// without a query: what a snapshot and an OpenAPI document call the endpoint. A full
    /// `url:` keeps its placeholders the same way (`{target.origin}/…`).
    public var pathPattern: String {
        let template: Template
        switch target {
        case .path(let path): template = path
        case .url(let url): template = url
        }
        var pattern = ""
        for part in template.parts {
            switch part {
            case .literal(let text):
                if let mark = text.firstIndex(of: "?") { pattern += text[..<mark]; return pattern }
                pattern += text
            case .reference(let reference):
                pattern += "{\(reference)}"
            }
        }
        return pattern
    }
}

extension SpecCase {
    /// The identifier a case of this name gets (`creates-a-task`), for results made outside a spec file.
    public static func identifier(for name: String) -> String { SpecDecoder.identifier(for: name) }
}
