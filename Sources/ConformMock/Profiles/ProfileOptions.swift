import ConformShape
import ConformDataModel

/// A profile's `=VALUE` parameter, read and checked for its kind.
enum ProfileOptions: Sendable, Hashable {
    case none
    /// `breaking.field-renamed`: the new name, or the default per endpoint.
    case rename(to: String?)
    /// `breaking.field-type-changed`: the new type, or the default conversion.
    case retype(to: JSONType?)
    /// `breaking.list-wrapper-changed`.
    case wrapper(WrapperChange)
    /// `breaking.status-changed`.
    case status(StatusChange)
    /// `breaking.error-envelope-changed`.
    case envelope(EnvelopeChange)
    /// `fault.503` and `fault.429`: the `Retry-After` seconds, if any.
    case retryAfter(Int?)
    /// `fault.slow`.
    case delay(Duration)
    /// `fault.large`: the body size in bytes.
    case size(Int)

    enum WrapperChange: Sendable, Hashable {
        /// The list itself, without the wrapper.
        case bare
        /// The wrapper with its list under another key.
        case renamed(String)
    }

    enum StatusChange: Sendable, Hashable {
        /// The default mapping (``StatusChange/defaultTarget(for:)``).
        case mapped
        /// Every status becomes this one.
        case every(to: Int)
        /// Only `from` becomes `to`.
        case only(from: Int, to: Int)
    }

    enum EnvelopeChange: String, Sendable, Hashable {
        /// `{"error": detail}`.
        case flat
        /// `type` renamed to `code`.
        case code
    }

    /// The slow fault's default: past `conform run`'s default `--timeout` of 30 seconds.
    static let defaultDelay = Duration.seconds(35)
    /// The large fault's default.
    static let defaultSize = 50 * 1024 * 1024
    /// The ceiling on sizes, so a typo cannot ask for terabytes.
    static let maximumSize = 2 * 1024 * 1024 * 1024
    /// The ceiling on delays and `Retry-After`: a day.
    static let maximumSeconds = 86_400.0

    struct Problem: Error { let message: String }

    init(kind: ProfileKind, parameter: String?) throws(Problem) {
        switch kind {
        case .fieldRenamed:
            if let parameter, FieldTarget(parsing: parameter).map({ if case .name = $0 { true } else { false } }) != true {
                throw Problem(message: "the new name '\(parameter)' must be letters, digits, _ and -")
            }
            self = .rename(to: parameter)
        case .fieldTypeChanged:
            guard let parameter else { self = .retype(to: nil); return }
            guard let type = JSONType(rawValue: parameter), type != .null else {
                throw Problem(message: "unknown type '\(parameter)'; use string, integer, number, boolean, array or object")
            }
            self = .retype(to: type)
        case .listWrapperChanged:
            guard let parameter, parameter != "bare" else { self = .wrapper(.bare); return }
            guard case .name? = FieldTarget(parsing: parameter) else {
                throw Problem(message: "'\(parameter)' is neither bare nor a key name")
            }
            self = .wrapper(.renamed(parameter))
        case .statusChanged:
            self = .status(try Self.statusChange(parameter))
        case .errorEnvelopeChanged:
            guard let parameter else { self = .envelope(.flat); return }
            guard let change = EnvelopeChange(rawValue: parameter) else { throw Problem(message: "'\(parameter)' is neither flat nor code") }
            self = .envelope(change)
        case .fault503:
            self = .retryAfter(try parameter.map { text throws(Problem) in try Self.wholeSeconds(text) })
        case .fault429:
            self = .retryAfter(try parameter.map { text throws(Problem) in try Self.wholeSeconds(text) } ?? 1)
        case .slow:
            guard let parameter else { self = .delay(Self.defaultDelay); return }
            guard let seconds = Double(parameter.hasSuffix("s") ? String(parameter.dropLast()) : parameter), seconds.isFinite,
                seconds >= 0, seconds <= Self.maximumSeconds
            else { throw Problem(message: "the delay '\(parameter)' must be seconds from 0 to 86400, e.g. 2 or 0.5") }
            self = .delay(.milliseconds(Int64((seconds * 1000).rounded())))
        case .large:
            self = .size(try parameter.map { text throws(Problem) in try Self.size(text) } ?? Self.defaultSize)
        default:
            self = .none
        }
    }

    private static func wholeSeconds(_ text: String) throws(Problem) -> Int {
        guard let seconds = Int(text), seconds >= 0, Double(seconds) <= maximumSeconds else {
            throw Problem(message: "Retry-After '\(text)' must be whole seconds from 0 to 86400")
        }
        return seconds
    }

    private static func size(_ text: String) throws(Problem) -> Int {
        let multipliers: [Character: Int] = ["k": 1024, "K": 1024, "m": 1024 * 1024, "M": 1024 * 1024]
        var digits = Substring(text)
        var multiplier = 1
        if let last = digits.last, let factor = multipliers[last] {
            multiplier = factor
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.count <= 12, digits.unicodeScalars.allSatisfy(\.isASCIIDigit), let count = Int(digits),
            case let (bytes, overflow) = count.multipliedReportingOverflow(by: multiplier), !overflow, bytes <= maximumSize, count > 0
        else { throw Problem(message: "the size '\(text)' must be a positive number of bytes up to 2G, e.g. 1048576, 512k or 50M") }
        return count * multiplier  // checked above: no overflow
    }

    private static func statusChange(_ text: String?) throws(Problem) -> StatusChange {
        guard let text else { return .mapped }
        func status(_ part: Substring) throws(Problem) -> Int {
            // No 1xx: those are interim answers, never the final one a client reads.
            guard part.count == 3, let code = Int(part), (200...599).contains(code) else {
                throw Problem(message: "'\(part)' is not an HTTP status from 200 to 599")
            }
            return code
        }
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 { return .only(from: try status(parts[0]), to: try status(parts[1])) }
        return .every(to: try status(parts[0]))
    }
}

extension ProfileOptions.StatusChange {
    /// The default mapping: each status becomes a plausible wrong one, so every answer of
    /// the endpoint changes. 2xx: 200 → 201, others → 200; 3xx → 200; 400 → 422, 401 → 403,
    /// 404 → 400, 422 → 400, 429 → 503, other 4xx → 400; 500 → 502, other 5xx → 500.
    static func defaultTarget(for status: Int) -> Int {
        switch status {
        case 200: 201
        case 201..<400: 200
        case 400: 422
        case 401: 403
        case 404: 400
        case 422: 400
        case 429: 503
        case 402..<500: 400
        case 500: 502
        default: 500
        }
    }

    /// The status an answer with `status` gets.
    func apply(to status: Int) -> Int {
        switch self {
        case .mapped: Self.defaultTarget(for: status)
        case .every(let to): to
        case .only(let from, let to): status == from ? to : status
        }
    }
}
