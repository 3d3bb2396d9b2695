/// Whether a 3xx answer is followed: `follow_redirects: true | false | N` on a target or a
/// request. Off by default, so a spec can check a redirect itself (status and `Location`).
public enum RedirectPolicy: Sendable, Hashable {
    case off
    /// Follow at most this many redirects; one more is a failure naming the chain.
    case follow(max: Int)

    /// What `true` means: as many as a browser tolerates before calling it a loop.
    public static let defaultMaximum = 20
    /// A larger number is surely a mistake (and would let a server keep a case busy).
    public static let largestMaximum = 100

    public var maximum: Int {
        switch self {
        case .off: 0
        case .follow(let max): max
        }
    }

    static func decode(_ node: SourceNode, context: String, sink: DiagnosticSink) -> RedirectPolicy? {
        if case .scalar(let scalar) = node, scalar.isPlain {
            switch scalar.jsonValue {
            case .bool(true): return .follow(max: defaultMaximum)
            case .bool(false): return .off
            case .integer(let count) where count >= 0 && count <= largestMaximum:
                return count == 0 ? .off : .follow(max: Int(count))
            default: break
            }
        }
        sink.add(Diagnostic(.invalidValue, "`\(context)` is true, false or a number of redirects from 0 to \(largestMaximum)",
                            at: node.location))
        return nil
    }
}
