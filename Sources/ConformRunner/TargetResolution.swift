import ConformHTTP
public import ConformShape
public import ConformSpec
import Foundation

/// Works out where a run goes and with which variables and credentials, from `conform.yaml`,
/// the command line and the environment, in that order of increasing precedence.
public struct TargetResolution: Sendable {
    public var configPath: String?
    public var targetName: String?
    public var baseURL: String?
    /// `name=value` pairs from `--var`.
    public var variableAssignments: [String] = []
    public var environment: [String: String]
    /// `--auth`: a scheme that replaces the target's (its variables stay).
    public var authFlag: String?
    /// `--follow-redirects` / `--cookies` from the command line, over the target's.
    public var followRedirectsFlag: RedirectPolicy?
    public var cookiesFlag: Bool?

    public init(configPath: String?, targetName: String?, baseURL: String?, variableAssignments: [String],
                environment: [String: String]) {
        self.configPath = configPath
        self.targetName = targetName
        self.baseURL = baseURL
        self.variableAssignments = variableAssignments
        self.environment = environment
    }

    public struct Resolved: Sendable {
        public let configuration: RunConfiguration
        public let targetName: String?
        /// The target's TLS settings (CA, client certificate), for the HTTP client.
        public let tls: TargetConfig.TargetTLS?
        /// Whether the auth scheme was chosen (`auth:` or `--auth`) rather than the default.
        public let authChosen: Bool
    }

    /// The config file to use: the one named; else `conform.yaml` in the working folder; else
    /// the nearest `conform.yaml` in the first spec path's folder or one of its parents (as
    /// git finds `.git`), so `conform run Specs/objects/get.yaml` still gets `Specs/conform.yaml`.
    public static func configFile(named: String?, specPaths: [String]) -> String? {
        if let named { return named }
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: "conform.yaml") { return "conform.yaml" }
        guard let first = specPaths.first else { return nil }
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: first, isDirectory: &isDirectory) else { return nil }
        var folder = URL(fileURLWithPath: first).standardizedFileURL
        if !isDirectory.boolValue { folder = folder.deletingLastPathComponent() }
        while true {
            let candidate = folder.appendingPathComponent("conform.yaml").path
            if fileManager.fileExists(atPath: candidate) { return Self.relativeToWorkingFolder(candidate) }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    static func relativeToWorkingFolder(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }

    /// Variables only (for `validate` and `list`, which send nothing and need no base URL).
    public func variables() throws(SpecLoadFailure) -> (config: TargetConfig, target: TargetConfig.Target?, values: [String: JSONValue]) {
        let config = try configPath.map { path throws(SpecLoadFailure) in try TargetConfig.load(path: path) } ?? .empty
        var target: TargetConfig.Target?
        let chosen = targetName ?? config.defaultTarget
        if let chosen {
            guard let found = config.target(named: chosen) else {
                let names = config.targets.map(\.name)
                let hint = Suggestion.closest(to: chosen, in: names).map { ", did you mean `\($0)`?" } ?? ""
                let known = names.isEmpty ? " (\(configPath ?? "no conform.yaml") defines no targets)" : " (targets: \(names.joined(separator: ", ")))"
                throw SpecLoadFailure([Diagnostic(.invalidValue, "unknown target `\(chosen)`\(hint)\(known)", at: nil)])
            }
            target = found
        }
        var values: [String: JSONValue] = [:]
        var problems: [Diagnostic] = []
        let scope = VariableScope(values: [:], environment: environment, targetFacts: [:])
        for definition in config.variables + (target?.variables ?? []) {
            do { values[definition.name] = try scope.json(definition.value) } catch {
                problems.append(Diagnostic(.unknownVariable(name: error.name, suggestion: nil),
                                           "`\(definition.name)` uses `${\(error.name)}`, which is not set", at: definition.location))
            }
        }
        for assignment in variableAssignments {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                problems.append(Diagnostic(.invalidValue, "--var expects name=value, found \"\(assignment)\"", at: nil))
                continue
            }
            let name = String(assignment[..<equals])
            let text = String(assignment[assignment.index(after: equals)...])
            values[name] = SourceNode.Scalar.typedValue(ofPlainText: text)
        }
        if !problems.isEmpty { throw SpecLoadFailure(problems) }
        return (config, target, values)
    }

    /// Everything for a run; a missing base URL or half-set credentials are usage errors.
    public func resolve() throws(SpecLoadFailure) -> Resolved {
        let (_, target, values) = try variables()
        var url = baseURL
        if url == nil, let template = target?.baseURL {
            let scope = VariableScope(values: values, environment: environment, targetFacts: [:])
            do { url = try scope.string(template) } catch {
                throw SpecLoadFailure([Diagnostic(.unknownVariable(name: error.name, suggestion: nil),
                                                  "the target's base_url uses `${\(error.name)}`, which is not set", at: template.location)])
            }
        }
        if url == nil { url = environment["CONFORM_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } }
        guard let url else {
            throw SpecLoadFailure([Diagnostic(.missingKey("base_url"),
                                              "no target: pass --base-url URL, --target NAME (from conform.yaml), or set CONFORM_BASE_URL", at: nil)])
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", components.host?.isEmpty == false
        else {
            throw SpecLoadFailure([Diagnostic(.invalidValue, "the base URL must be an http:// or https:// URL with a host, found \"\(url)\"", at: nil)])
        }
        let auth = try authScheme(target: target)
        let credentials: Credentials?
        do {
            credentials = try CredentialLookup.credentials(for: auth, environment: environment)
        } catch {
            throw SpecLoadFailure([Diagnostic(.invalidValue, "credentials (auth: \(auth)): \(error)", at: nil)])
        }
        var configuration = RunConfiguration(baseURL: url, credentials: credentials)
        configuration.auth = auth
        configuration.variables = values
        configuration.environment = environment
        configuration.allowInsecureHTTP = target?.allowInsecureHTTP ?? false
        configuration.defaultHeaders = try resolvedHeaders(target?.headers ?? [], values: values, baseURL: url)
        configuration.followRedirects = followRedirectsFlag ?? target?.followRedirects ?? .off
        configuration.cookies = cookiesFlag ?? target?.cookies ?? false
        if let tls = target?.tls, let variable = tls.keyPasswordVariable, (environment[variable] ?? "").isEmpty {
            throw SpecLoadFailure([Diagnostic(.unknownVariable(name: variable, suggestion: nil),
                                              "the target's tls.key_password_env names \(variable), which is not set", at: target?.location)])
        }
        return Resolved(configuration: configuration, targetName: target?.name, tls: target?.tls,
                        authChosen: authFlag != nil || target?.auth != nil)
    }

    /// A target's `headers:`, filled in once: they may use `${env.NAME}`, variables and the
    /// target's facts, not captures (they are the same for every request).
    func resolvedHeaders(_ headers: [(name: Template, value: Template)], values: [String: JSONValue],
                         baseURL: String) throws(SpecLoadFailure) -> [(name: String, value: String)] {
        let scope = VariableScope(values: values, environment: environment, targetFacts: VariableScope.facts(forBaseURL: baseURL))
        var resolved: [(name: String, value: String)] = []
        var problems: [Diagnostic] = []
        for (name, value) in headers {
            do {
                let text = try scope.string(value)
                if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7f }) {
                    problems.append(Diagnostic(.invalidValue, "the target's header `\(name.source)` holds a control character (CR, LF ...)",
                                               at: value.location))
                }
                resolved.append((try scope.string(name), text))
            } catch {
                problems.append(Diagnostic(.unknownVariable(name: error.name, suggestion: nil),
                                           "the target's header `\(name.source)` uses `${\(error.name)}`, which is not set "
                                           + "(target headers may use ${env.NAME}, conform.yaml vars and --var)", at: value.location))
            }
        }
        if !problems.isEmpty { throw SpecLoadFailure(problems) }
        return resolved
    }

    /// `--auth` over the target's `auth:` over the default (`journeyapps-token`).
    func authScheme(target: TargetConfig.Target?) throws(SpecLoadFailure) -> AuthScheme {
        let configured = target?.auth ?? .standard
        guard let authFlag else { return configured }
        switch AuthScheme.parse(flag: authFlag, over: configured) {
        case .success(let scheme): return scheme
        case .failure(let error): throw SpecLoadFailure([Diagnostic(.invalidValue, error.description, at: nil)])
        }
    }
}

/// What a JourneyApps deployment's base URL looks like: `…/api/v4/<24 hex digits>`.
public enum JourneyAppsURL {
    public static func looksLikeDeployment(_ baseURL: String) -> Bool {
        guard let path = URLResolution.components(of: baseURL)?.path else { return false }
        let segments = path.split(separator: "/")
        guard segments.count >= 3, let last = segments.last, segments[segments.count - 2] == "v4",
            segments[segments.count - 3] == "api"
        else { return false }
        return last.count == 24 && last.allSatisfy(\.isHexDigit)
    }
}
