/// Everything that stopped specs from loading, in file order. Exit code 2: nothing was sent.
public struct SpecLoadFailure: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sortedByLocation() }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
