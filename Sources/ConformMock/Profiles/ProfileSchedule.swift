import ConformDataModel

/// Which of the requests a profile targets it acts on, so faults can be intermittent and a
/// retry can be shown to work. Requests are counted per profile, among those it targets, from
/// the moment the profile set was installed.
public enum ProfileSchedule: Sendable, Hashable, CustomStringConvertible {
    /// Every targeted request (no `%` suffix).
    case always
    /// One in every `n` targeted requests, starting with the first: the 1st, the (n+1)th, ...
    /// Written `%n`; `%2` fails the first request and lets its retry through.
    case oneIn(Int)
    /// Only the first `n` targeted requests. Written `%first:n`.
    case first(Int)

    /// `""`, `%2` or `%first:3`, as the profile syntax writes it.
    public var description: String {
        switch self {
        case .always: ""
        case .oneIn(let n): "%\(n)"
        case .first(let n): "%first:\(n)"
        }
    }

    /// Whether the `count`th targeted request (1-based) is acted on.
    func fires(onRequest count: Int) -> Bool {
        switch self {
        case .always: true
        case .oneIn(let n): (count - 1) % n == 0
        case .first(let n): count <= n
        }
    }

    /// Reads `2` or `first:3` (the text after `%`); `nil` when it is neither, or not positive.
    init?(parsing text: String) {
        if text.hasPrefix("first:") {
            guard let n = Self.positive(text.dropFirst("first:".count)) else { return nil }
            self = .first(n)
        } else {
            guard let n = Self.positive(Substring(text)) else { return nil }
            self = n == 1 ? .always : .oneIn(n)
        }
    }

    private static func positive(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.unicodeScalars.allSatisfy(\.isASCIIDigit), let n = Int(text), n >= 1 else {
            return nil
        }
        return n
    }
}
