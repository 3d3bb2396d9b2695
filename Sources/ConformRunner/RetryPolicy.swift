import ConformHTTP
import Foundation

/// When a request is sent again, and how long to wait first.
///
/// Idempotent requests (GET, HEAD, PUT, DELETE, OPTIONS) are retried after a transport error
/// or a 429/503 answer, with exponential backoff (honouring `Retry-After`), bounded in count
/// and in total waiting time. POST and PATCH are retried only when the request cannot have
/// reached the server (connection refused, DNS): anything else might apply them twice.
/// Every retry is recorded in the case's result; none is hidden.
public struct RetryPolicy: Sendable {
    /// Extra attempts after the first (0 turns retrying off).
    public var maxRetries: Int
    /// Seconds of waiting allowed across all retries of one request.
    public var budget: Double
    public var baseDelay: Double
    public var maxDelay: Double

    public init(maxRetries: Int = 2, budget: Double = 30, baseDelay: Double = 0.5, maxDelay: Double = 10) {
        self.maxRetries = maxRetries
        self.budget = budget
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public static let none = RetryPolicy(maxRetries: 0)

    static let idempotentMethods: Set<String> = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]

    static func isIdempotent(_ method: String) -> Bool { idempotentMethods.contains(method.uppercased()) }

    /// Transport failures worth another try: the network or the server hiccuped.
    static let retriableKinds: Set<TransportError.Kind> = [.connectionRefused, .connectionClosed, .timeout, .dns, .truncatedBody]
    /// Failures that prove the request never reached the server.
    static let notSentKinds: Set<TransportError.Kind> = [.connectionRefused, .dns]

    func shouldRetry(method: String, error: TransportError) -> Bool {
        guard Self.retriableKinds.contains(error.kind) else { return false }
        return Self.isIdempotent(method) || Self.notSentKinds.contains(error.kind)
    }

    func shouldRetry(method: String, status: Int) -> Bool {
        (status == 429 || status == 503) && Self.isIdempotent(method)
    }

    /// The wait before retry number `retry` (1-based): `Retry-After` when the server gave one
    /// (seconds or an HTTP date), else exponential backoff with jitter.
    func delay(retry: Int, retryAfter: String?) -> Double {
        if let retryAfter, let seconds = Self.seconds(fromRetryAfter: retryAfter) {
            return min(max(0, seconds), maxDelay * 6)
        }
        let exponential = baseDelay * pow(2, Double(retry - 1))
        return min(maxDelay, exponential) * Double.random(in: 0.8...1.2)
    }

    static func seconds(fromRetryAfter text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: trimmed).map { $0.timeIntervalSinceNow }
    }
}
