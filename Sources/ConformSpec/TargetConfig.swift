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
///     auth: { scheme: bearer, token_env: TESTING_TOKEN }
///     headers: { X-Tenant: acme }
///     tls: { ca: certs/ca.pem, cert: certs/client.pem, key: certs/client.key }
///     follow_redirects: true
///     vars: { model: job }
/// ```
public struct TargetConfig: Sendable {
    public struct Target: Sendable {
        public let name: String
        public let baseURL: Template?
        /// `nil` when the target does not say (the run's `--auth` or the default decides).
        public let auth: AuthScheme?
        public let allowInsecureHTTP: Bool
        /// Sent with every request that does not set the header itself.
        public let headers: [(name: Template, value: Template)]
        public let tls: TargetTLS?
        public let followRedirects: RedirectPolicy?
        /// Cookies kept across the cases of each file.
        public let cookies: Bool?
        public let variables: [VariableDefinition]
        public let location: SourceLocation
    }

    /// A target's TLS settings; paths are relative to `conform.yaml`'s folder.
    public struct TargetTLS: Sendable, Hashable {
        /// CA certificates (PEM) to verify the server against, instead of the system's.
        public let caFile: String?
        /// The client certificate (PEM) for mutual TLS, and its private key.
        public let certificateFile: String?
        public let keyFile: String?
        /// The environment variable holding the key's passphrase, if it has one.
        public let keyPasswordVariable: String?
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
                                         allowed: ["base_url", "auth", "credentials", "headers", "tls", "follow_redirects", "cookies",
                                                   "allow_insecure_http", "vars"], sink: sink)
        else { return nil }
        let baseURL = reader.optional("base_url").flatMap { reader.template($0, "\(context).base_url") }
        var auth: AuthScheme?
        switch (reader.optional("auth"), reader.optional("credentials")) {
        case (let node?, nil):
            auth = AuthScheme.decode(node, context: "\(context).auth", sink: sink)
        case (nil, let node?):
            // The older spelling: JourneyApps credentials from other variables.
            auth = AuthScheme.decodeLegacyCredentials(node, context: "\(context).credentials", sink: sink)
        case (_?, let node?):
            sink.add(Diagnostic(.invalidValue, "`credentials` is the older spelling of `auth: { scheme: journeyapps-token, ... }`; give one of them",
                                at: node.location))
        case (nil, nil):
            break
        }
        let headers = reader.templateMap("headers")
        decoder.checkHeaderLines(headers)
        let tls = reader.optional("tls").flatMap { decodeTLS($0, context: "\(context).tls", reader: reader, sink: sink) }
        let redirects = reader.optional("follow_redirects").flatMap { RedirectPolicy.decode($0, context: "\(context).follow_redirects", sink: sink) }
        let cookies = reader.optional("cookies").flatMap { reader.bool($0, "\(context).cookies") }
        let insecure = reader.optional("allow_insecure_http").flatMap { reader.bool($0, "\(context).allow_insecure_http") } ?? false
        let variables = decoder.decodeVariables(reader.optional("vars"))
        return Target(name: entry.key, baseURL: baseURL, auth: auth, allowInsecureHTTP: insecure, headers: headers, tls: tls,
                      followRedirects: redirects, cookies: cookies, variables: variables, location: entry.keyLocation)
    }

    static func decodeTLS(_ node: SourceNode, context: String, reader: MappingReader, sink: DiagnosticSink) -> TargetTLS? {
        guard let inner = MappingReader(node, context: context, allowed: ["ca", "cert", "key", "key_password_env"], sink: sink)
        else { return nil }
        let folder = reader.location.file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        func path(_ key: String) -> String? {
            guard let value = inner.optional(key), let text = inner.string(value, "\(context).\(key)") else { return nil }
            // Relative to the file, as `$ref`s are: the same config works from any working folder.
            return text.hasPrefix("/") || folder.isEmpty ? text : folder + "/" + text
        }
        let passwordVariable = inner.optional("key_password_env").flatMap { inner.string($0, "\(context).key_password_env") }
        let tls = TargetTLS(caFile: path("ca"), certificateFile: path("cert"), keyFile: path("key"), keyPasswordVariable: passwordVariable)
        if (tls.certificateFile == nil) != (tls.keyFile == nil), inner.has("cert") != inner.has("key") {
            sink.add(Diagnostic(.invalidValue, "`cert` and `key` go together (the client certificate and its private key)", at: node.location))
            return nil
        }
        if passwordVariable != nil && tls.keyFile == nil {
            sink.add(Diagnostic(.invalidValue, "`key_password_env` is the passphrase of `key`, which is not given", at: node.location))
            return nil
        }
        return tls
    }
}
