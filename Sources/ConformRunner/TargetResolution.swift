public import ConformHTTP
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
        let source = target?.credentials ?? .standard
        let credentials: Credentials?
        do {
            credentials = try Credentials.fromEnvironment([
                Credentials.Variable.token: environment[source.tokenVariable] ?? "",
                Credentials.Variable.username: environment[source.usernameVariable] ?? "",
                Credentials.Variable.password: environment[source.passwordVariable] ?? "",
            ].filter { !$0.value.isEmpty })
        } catch {
            throw SpecLoadFailure([Diagnostic(.invalidValue, "credentials: \(error)", at: nil)])
        }
        var configuration = RunConfiguration(baseURL: url, credentials: credentials)
        configuration.variables = values
        configuration.environment = environment
        configuration.allowInsecureHTTP = target?.allowInsecureHTTP ?? false
        configuration.credentialHint = "\(source.tokenVariable), or \(source.usernameVariable) and \(source.passwordVariable)"
        return Resolved(configuration: configuration, targetName: target?.name)
    }
}
