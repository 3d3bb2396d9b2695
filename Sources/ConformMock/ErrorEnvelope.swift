public import ConformShape

/// The API's error body `{type, title, detail, see}` and the HTTP status each type goes with
/// (reference §14). The mock answers every bad request with one of these.
public struct APIError: Error, Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case authenticationFailed = "AUTHENTICATION_FAILED"
        case objectNotFound = "OBJECT_NOT_FOUND"
        case routeError = "ROUTE_ERROR"
        case accountNotFound = "ACCOUNT_NOT_FOUND"
        case invalidValue = "INVALID_VALUE"
        case invalidAPIRequest = "INVALID_API_REQUEST"
        case tooManyRequests = "TOO_MANY_REQUESTS"
        case internalServerError = "INTERNAL_SERVER_ERROR"

        public var status: Int {
            switch self {
            case .authenticationFailed: 401
            case .objectNotFound, .routeError, .accountNotFound: 404
            case .invalidValue: 422
            case .invalidAPIRequest: 400
            case .tooManyRequests: 429
            case .internalServerError: 500
            }
        }

        /// Titles as the docs show them; where the docs give none, our own wording.
        public var title: String {
            switch self {
            case .authenticationFailed: "Authentication failed."
            case .objectNotFound: "Object not found."
            case .routeError: "Route not found."
            case .accountNotFound: "Account not found."
            case .invalidValue: "Invalid value specified."
            case .invalidAPIRequest: "Invalid API request."
            case .tooManyRequests: "Too many requests."
            case .internalServerError: "Oops! Something went wrong."
            }
        }
    }

    public let kind: Kind
    public let detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var status: Int { kind.status }

    /// The body as the docs' pattern `https://docs.journeyapps.com/api-errors#<TYPE>` has it.
    public var body: JSONValue {
        [
            "type": .string(kind.rawValue),
            "title": .string(kind.title),
            "detail": .string(detail),
            "see": .string("https://docs.journeyapps.com/api-errors#\(kind.rawValue)"),
        ]
    }
}
