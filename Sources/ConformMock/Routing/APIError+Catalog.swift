extension APIError {
    /// The 401 for missing or wrong credentials. The docs show the text `HTTP Basic: Access
    /// denied.` (reference §14); the mock puts it in the envelope's `detail`.
    static let authenticationFailed = APIError(.authenticationFailed, "HTTP Basic: Access denied.")

    /// No route for this method and path (reference §14), worded like Rails' routing error.
    static func noRoute(method: String, path: String) -> APIError {
        APIError(.routeError, "No route matches [\(method)] \"\(path)\"")
    }

    /// The path names a model the data model does not define.
    static func unknownModel(_ name: String, method: String, path: String) -> APIError {
        APIError(.routeError, "No route matches [\(method)] \"\(path)\": the data model has no model '\(name)'")
    }

    /// The docs' wording: `No task found with ID: '…'` (reference §8).
    static func objectNotFound(model: String, id: String) -> APIError {
        APIError(.objectNotFound, "No \(model) found with ID: '\(id)'")
    }

    static func accountNotFound(_ id: String) -> APIError {
        APIError(.accountNotFound, "No backend deployment found with ID: '\(id)'")
    }

    static func invalidValue(_ detail: String) -> APIError { APIError(.invalidValue, detail) }
    static func invalidRequest(_ detail: String) -> APIError { APIError(.invalidAPIRequest, detail) }

    /// The 429 of the rate limiter; only the type is documented (reference §17).
    static func tooManyRequests(retryAfter seconds: Int, limit: RateLimit?) -> APIError {
        let rate = limit.map { " (\(NumberText.plain($0.rate)) requests per second, bursts of \($0.burst))" } ?? ""
        return APIError(.tooManyRequests, "Rate limit exceeded\(rate). Retry after \(seconds) second\(seconds == 1 ? "" : "s").")
    }
}
