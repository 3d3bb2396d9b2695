import ConformHTTP
import ConformSpec
import Foundation

/// One request as a case sends it: through the dispatcher (pacing, retries), following
/// redirects as `follow_redirects` says, with the file's cookies when it keeps them.
///
/// Redirects are followed here rather than by libcurl so that every hop is recorded, and so
/// the rule for credentials is Conform's own and covers every scheme: they go only to the
/// origin (scheme, host, port) of the first request. libcurl would drop an `Authorization`
/// header on a new host but keep an API key header, and could not re-add a key sent in the query.
struct ExchangeSender: Sendable {
    let dispatcher: RequestDispatcher
    let redactor: Redactor
    let allowInsecureHTTP: Bool

    struct Outcome {
        /// The last hop's outcome, with the retries of every hop.
        let sent: RequestDispatcher.Result
        /// The request of the last hop (what the transcript shows).
        let request: HTTPRequest
        /// One line per redirect followed, redacted.
        let hops: [String]
        /// The time from the first request's start to the last response, summed over hops
        /// (waits between retries not counted): what `expect.time` compares.
        let elapsed: Double
    }

    /// `credentials`: what the first request carries, re-applied to same-origin hops.
    func send(_ first: HTTPRequest, credentials: Credentials?, redirects: RedirectPolicy, jar: inout CookieJar?,
              gates: Bool, interruptible: Bool = true) async -> Outcome {
        // Worked out at the first redirect: most exchanges have none, and parsing costs.
        var origin: String?
        var originKnown = false
        // A `Cookie` the spec wrote itself is sent as written, never replaced by the jar's.
        let specCookie = jar != nil && first.headers.contains("Cookie")
        var request = first
        var hops: [String] = []
        var retries: [RetryNote] = []
        var elapsed = 0.0
        while true {
            if let jar, !specCookie {
                request.headers.remove("Cookie")
                if let cookie = jar.header(for: request.url) { request.headers.append("Cookie", cookie) }
            }
            let sent = await dispatcher.send(request, gates: gates, interruptible: interruptible)
            retries += sent.retries
            guard case .response(let response) = sent.outcome else {
                return Outcome(sent: RequestDispatcher.Result(outcome: sent.outcome, retries: retries), request: request, hops: hops,
                               elapsed: elapsed)
            }
            elapsed += response.timings.total.seconds
            jar?.store(from: response, url: request.url)
            let done = Outcome(sent: RequestDispatcher.Result(outcome: sent.outcome, retries: retries), request: request, hops: hops,
                               elapsed: elapsed)
            guard Self.redirectStatuses.contains(response.status), let location = response.headers["Location"] else { return done }
            guard let next = URLResolution.resolve(location, against: request.url) else {
                if redirects.maximum > 0 {
                    hops.append("\(response.status) Location: \(redactor.redact(location)) is not an http(s) URL: not followed")
                    return Outcome(sent: done.sent, request: request, hops: hops, elapsed: elapsed)
                }
                return done
            }
            guard hops.count < redirects.maximum else {
                if redirects.maximum > 0 {
                    hops.append("stopped after \(redirects.maximum) redirect\(redirects.maximum == 1 ? "" : "s") (follow_redirects: \(redirects.maximum)); "
                                + "the last answer, \(response.status) to \(redactor.redact(next)), is what the case checks")
                    return Outcome(sent: done.sent, request: request, hops: hops, elapsed: elapsed)
                }
                return done
            }
            if !originKnown { (origin, originKnown) = (URLResolution.origin(of: first.url), true) }
            let sameOrigin = origin != nil && URLResolution.origin(of: next) == origin
            hops.append("\(request.method.rawValue) \(redactor.redact(request.url)) → \(response.status), Location: \(redactor.redact(location))"
                        + (sameOrigin || credentials == nil ? "" : " (credentials not sent to the new origin)"))
            request = Self.follow(request, status: response.status, to: next)
            if !sameOrigin {
                for name in HTTPHeaders.sensitiveNames where !(name == "Cookie" && jar != nil && !specCookie) { request.headers.remove(name) }
                if let name = credentials?.headerName { request.headers.remove(name) }
                // Any other header carrying a known secret (a target header filled from a token
                // variable) stays with the origin it was meant for too.
                for field in request.headers where redactor.redact(field.value) != field.value { request.headers.remove(field.name) }
            } else if let credentials {
                if case .apiKeyQuery(let name, _) = credentials, next.contains(PercentEncoding.encode(name) + "=") {
                    // The server kept the key in the URL it sent: sending it twice could fail.
                } else if let authorized = try? request.authorized(with: credentials, allowInsecureHTTP: allowInsecureHTTP) {
                    request = authorized
                }
            }
        }
    }

    /// The statuses whose `Location` is a redirect to follow (RFC 9110 section 15.4); 300,
    /// 304 and 305 are not.
    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// The next hop's request: 303 turns anything but HEAD into a bodiless GET; 301 and 302
    /// turn a POST into a GET, as curl and browsers do (RFC 9110 section 15.4.2 allows it);
    /// 307 and 308 repeat the method and body.
    static func follow(_ request: HTTPRequest, status: Int, to url: String) -> HTTPRequest {
        var next = request
        next.url = url
        let method = request.method.rawValue.uppercased()
        let becomesGet = (status == 303 && method != "HEAD") || ((status == 301 || status == 302) && method == "POST")
        if becomesGet {
            next.method = .get
            next.body = nil
            next.headers.remove("Content-Type")
            next.headers.remove("Content-Length")
        }
        return next
    }
}
