public import ConformShape

/// The one problem type of Conform: a spec error, a contract mismatch, or a check that could
/// not be made. Every report renders it; `category` decides what it means for the exit code
/// and for JUnit (`<failure>` for assertions, `<error>` for could-not-check).
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Category: String, Sendable, Hashable {
        /// The spec, the target or the command line is wrong; nothing was (or will be) sent.
        case spec
        /// The response broke the contract: a `<failure>`, exit 1.
        case assertion
        /// The check could not be made (transport error, case not run): an `<error>`, exit 3.
        case couldNotCheck
    }

    public enum Kind: Sendable, Hashable {
        // Spec and usage problems.
        case yamlSyntax
        case unknownKey(key: String, suggestion: String?)
        case wrongType(expected: String, actual: String)
        case missingKey(String)
        case invalidValue
        case duplicateName(String)
        case unknownVariable(name: String, suggestion: String?)
        case badReference(String)
        case schemaError
        case unreadableFile
        // Contract mismatches.
        case statusMismatch(expected: String, actual: Int)
        case shapeMismatch(path: String, keyword: String, expected: String, actual: String)
        case valueMismatch(path: String, expected: String, actual: String)
        case headerMismatch(name: String, expected: String, actual: String)
        case bodyMismatch(expected: String, actual: String)
        case bodyNotJSON(reason: String)
        case captureMissing(variable: String, source: String)
        /// `expect.time` broken: the response took longer than the spec allows.
        case tooSlow(limitMilliseconds: Double, measuredMilliseconds: Double)
        /// `--baseline`: the deployment changed, since the baseline snapshot, in a way that can
        /// break a client (`change` is the diff's kind: `member-removed`, `type-changed`…).
        case baselineBreak(change: String, path: String, old: String, new: String)
        // Checks that could not be made.
        case transport(url: String, code: Int, name: String, reason: String, kind: TransportKind)
        case notRun(reason: NotRunReason)
        /// A check that ran but could not decide: a pattern (schema `pattern` at `path`, or a
        /// header `matches:`) whose match ran over its step budget or was cancelled.
        case undecided(path: String, keyword: String)
    }

    /// How a request got no answer. The classes of the HTTP client's `TransportError.Kind`, named
    /// alike (this module does not depend on the client; a test checks that every class maps).
    public enum TransportKind: String, Sendable, Hashable, CaseIterable {
        case connectionRefused, connectionClosed, timeout, tls, dns, truncatedBody, bodyTooLarge, malformedResponse
        case invalidRequest, cancelled, shutdown, other
    }

    /// Why a case or a check was not run: each reason is one value every report reads, never
    /// a sentence to search.
    public enum NotRunReason: Sendable, Hashable {
        /// Left out by `--tags` or `--filter`.
        case deselected
        /// SIGINT or SIGTERM stopped the run first.
        case interrupted
        /// `--fail-fast`: an earlier gating case (named, with its file) failed.
        case failFast(afterCase: String, file: String)
        /// The target stopped answering (see `--max-transport-failures`).
        case unresponsive
        /// A variable it needs has no value (a capture that did not happen).
        case unbound(variable: String)
        /// The credentials cannot be sent (e.g. over plain http to another host).
        case credentials
    }

    public let kind: Kind
    public let message: String
    /// Where to point: the spec line that states the broken expectation, or the bad key.
    public let location: SourceLocation?
    /// For a missing member: the new member that probably replaced it (a rename).
    public let renameCandidate: String?

    public init(_ kind: Kind, _ message: String, at location: SourceLocation?, renameCandidate: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
        self.renameCandidate = renameCandidate
    }

    /// How a report weighs it: a broken contract, or a check that could not be made (which a
    /// spec error also is). Drift and notes are `DriftRecord`s and retry notes, not diagnostics.
    public enum Severity: String, Sendable, Hashable {
        case failure, error
    }

    public var severity: Severity { category == .assertion ? .failure : .error }


    public var category: Category {
        switch kind {
        case .yamlSyntax, .unknownKey, .wrongType, .missingKey, .invalidValue, .duplicateName,
            .unknownVariable, .badReference, .schemaError, .unreadableFile:
            .spec
        case .statusMismatch, .shapeMismatch, .valueMismatch, .headerMismatch, .bodyMismatch,
            .bodyNotJSON, .captureMissing, .tooSlow, .baselineBreak:
            .assertion
        case .transport, .notRun, .undecided:
            .couldNotCheck
        }
    }

    /// `file:line:column: error: message` — the form compilers use, which editors and CI
    /// annotators turn into clickable locations.
    public var description: String {
        guard let location else { return "error: \(message)" }
        return "\(location): error: \(message)"
    }
}

extension Array where Element == Diagnostic {
    /// Diagnostics in file order, so output is stable whatever order they were found in.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { lhs, rhs in
            switch (lhs.location, rhs.location) {
            case let (l?, r?): l < r
            case (nil, _?): true
            default: false
            }
        }
    }
}

extension Diagnostic.Kind {
    /// The kind as one stable word, for machine-read outputs (`--report-json`; its schema lists
    /// them). JUnit's `type` attribute is finer (`shape.required`, `transport.timeout.…`).
    public var name: String {
        switch self {
        case .yamlSyntax: "yamlSyntax"
        case .unknownKey: "unknownKey"
        case .wrongType: "wrongType"
        case .missingKey: "missingKey"
        case .invalidValue: "invalidValue"
        case .duplicateName: "duplicateName"
        case .unknownVariable: "unknownVariable"
        case .badReference: "badReference"
        case .schemaError: "schemaError"
        case .unreadableFile: "unreadableFile"
        case .statusMismatch: "statusMismatch"
        case .shapeMismatch: "shapeMismatch"
        case .valueMismatch: "valueMismatch"
        case .headerMismatch: "headerMismatch"
        case .bodyMismatch: "bodyMismatch"
        case .bodyNotJSON: "bodyNotJSON"
        case .captureMissing: "captureMissing"
        case .tooSlow: "tooSlow"
        case .baselineBreak: "baselineBreak"
        case .transport: "transport"
        case .notRun: "notRun"
        case .undecided: "undecided"
        }
    }
}

extension Diagnostic.NotRunReason {
    /// The reason as one stable word (`--report-json`).
    public var name: String {
        switch self {
        case .deselected: "deselected"
        case .interrupted: "interrupted"
        case .failFast: "failFast"
        case .unresponsive: "unresponsive"
        case .unbound: "unbound"
        case .credentials: "credentials"
        }
    }
}
