public import ConformShape
import Foundation

/// `conform.yaml`: named targets (where to send requests, which environment variables hold
/// the credentials, variables for the suite) so a CI job says `--target testing` and nothing
/// secret is ever written in a file.
///
/// ```yaml
/// conform: 1
/// default_target: mock
/// vars: { model: task }
/// targets:
///   testing:
///     base_url: ${env.TESTING_BASE_URL}
///     credentials: { token_env: TESTING_TOKEN }
///     vars: { model: job }
/// ```
public struct TargetConfig: Sendable {
    public struct Target: Sendable {
        public let name: String
        public let baseURL: Template?
        public let credentials: CredentialSource
        public let allowInsecureHTTP: Bool
        public let variables: [VariableDefinition]
        public let location: SourceLocation
    }

    /// Names of the environment variables that hold credentials; never the secrets.
    public struct CredentialSource: Sendable, Hashable {
        public var tokenVariable: String
        public var usernameVariable: String
        public var passwordVariable: String

        public static let standard = CredentialSource(
            tokenVariable: "CONFORM_TOKEN", usernameVariable: "CONFORM_USERNAME", passwordVariable: "CONFORM_PASSWORD")
    }

    public let path: String?
    public let defaultTarget: String?
    public let variables: [VariableDefinition]
    public let targets: [Target]

    public init(path: String?, defaultTarget: String?, variables: [VariableDefinition], targets: [Target]) {
        self.path = path
        self.defaultTarget = defaultTarget
        self.variables = variables
        self.targets = targets
    }

    /// No file: standard credential variables, no named targets.
    public static let empty = TargetConfig(path: nil, defaultTarget: nil, variables: [], targets: [])

    public func target(named name: String) -> Target? { targets.first { $0.name == name } }

    /// Reads and checks a config file; every problem is reported, with its position.
    public static func load(path: String) throws(SpecLoadFailure) -> TargetConfig {
        let sink = DiagnosticSink()
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecLoadFailure([Diagnostic(.unreadableFile, "cannot read \(path)", at: nil)])
        }
        let root: SourceNode
        do { root = try SourceNode.parse(yaml: [UInt8](data), file: path) } catch { throw SpecLoadFailure([error]) }
        let config = decode(root, path: path, sink: sink)
        if !sink.isEmpty { throw SpecLoadFailure(sink.diagnostics) }
        return config ?? .empty
    }

    static func decode(_ root: SourceNode, path: String, sink: DiagnosticSink) -> TargetConfig? {
        guard let top = MappingReader(root, context: "conform.yaml", allowed: ["conform", "default_target", "vars", "targets"], sink: sink)
        else { return nil }
        let decoder = SpecDecoder(sink: sink, displayPath: path, absolutePath: path)
        let variables = decoder.decodeVariables(top.optional("vars"))
        var targets: [Target] = []
        if let targetsNode = top.optional("targets") {
            if case .mapping(let entries, _) = targetsNode {
                for entry in entries {
                    if let target = decodeTarget(entry, decoder: decoder, sink: sink) { targets.append(target) }
                }
            } else {
                sink.add(Diagnostic(.wrongType(expected: "a mapping", actual: targetsNode.kindDescription),
                                    "`targets` must map target names to settings", at: targetsNode.location))
            }
        }
        var defaultTarget: String?
        if let node = top.optional("default_target"), let name = top.string(node, "default_target") {
            if targets.contains(where: { $0.name == name }) { defaultTarget = name } else {
                let hint = Suggestion.closest(to: name, in: targets.map(\.name)).map { ", did you mean `\($0)`?" } ?? ""
                sink.add(Diagnostic(.invalidValue, "`default_target` names no target: `\(name)`\(hint)", at: node.location))
            }
        }
        return TargetConfig(path: path, defaultTarget: defaultTarget, variables: variables, targets: targets)
    }

    static func decodeTarget(_ entry: SourceNode.Entry, decoder: SpecDecoder, sink: DiagnosticSink) -> Target? {
        let context = "targets.\(entry.key)"
        guard let reader = MappingReader(entry.value, context: context,
                                         allowed: ["base_url", "credentials", "allow_insecure_http", "vars"], sink: sink)
        else { return nil }
        let baseURL = reader.optional("base_url").flatMap { reader.template($0, "\(context).base_url") }
        var credentials = CredentialSource.standard
        if let node = reader.optional("credentials"),
            let inner = MappingReader(node, context: "\(context).credentials",
                                      allowed: ["token_env", "username_env", "password_env"], sink: sink)
        {
            if let v = inner.optional("token_env").flatMap({ inner.string($0, "token_env") }) { credentials.tokenVariable = v }
            if let v = inner.optional("username_env").flatMap({ inner.string($0, "username_env") }) { credentials.usernameVariable = v }
            if let v = inner.optional("password_env").flatMap({ inner.string($0, "password_env") }) { credentials.passwordVariable = v }
        }
        let insecure = reader.optional("allow_insecure_http").flatMap { reader.bool($0, "\(context).allow_insecure_http") } ?? false
        let variables = decoder.decodeVariables(reader.optional("vars"))
        return Target(name: entry.key, baseURL: baseURL, credentials: credentials, allowInsecureHTTP: insecure,
                      variables: variables, location: entry.keyLocation)
    }
}
