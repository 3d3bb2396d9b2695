import ConformShape

/// The `fault.*` profiles. Two sorts:
///
/// - **Answers instead of the request** (`fault.500`, `fault.502`, `fault.503`, `fault.429`):
///   what a gateway or an overloaded deployment sends without running anything, so a retry
///   after one finds the store unchanged. ``replacement(for:)`` gives the answer.
/// - **The request runs, its answer goes wrong on the way** (`fault.reset`, `fault.slow`,
///   `fault.truncated`, `fault.non-json`, `fault.large`): the write happened, which is the
///   case a runner must never retry silently for a non-idempotent request.
///   ``apply(_:to:)`` changes the body or the ``MockDelivery`` that ``MockServer`` carries out.
enum Faults {
    /// The answer a status fault gives in place of the request; `nil` for the other kinds.
    static func replacement(for profile: MockProfile) -> MockResponse? {
        switch (profile.kind, profile.options) {
        case (.fault500, _):
            return .error(APIError(.internalServerError, "The server met an unexpected condition and could not answer."))
        case (.fault502, _):
            return MockResponse(status: 502, headers: ["Content-Type": "text/html; charset=utf-8"], body: Array(badGatewayPage.utf8))
        case (.fault503, .retryAfter(let seconds)):
            var response = MockResponse.json(
                [
                    "type": "SERVICE_UNAVAILABLE", "title": "Service unavailable.",
                    "detail": "The deployment is temporarily unable to answer. Try again later.",
                    "see": "https://docs.journeyapps.com/api-errors#SERVICE_UNAVAILABLE",
                ], status: 503)
            if let seconds { response.headers.add("Retry-After", String(seconds)) }
            return response
        case (.fault429, .retryAfter(let seconds)):
            let wait = seconds ?? 1
            var response = MockResponse.error(.tooManyRequests(retryAfter: wait, limit: nil))
            response.headers.add("Retry-After", String(wait))
            return response
        default:
            return nil
        }
    }

    /// The transport faults among `profiles`, in the order they apply whatever order they were
    /// given in: what the body is, then how long it is, then where it is cut, then when it leaves.
    static func inDeliveryOrder(_ profiles: [MockProfile]) -> [MockProfile] {
        let order: [ProfileKind] = [.nonJSON, .large, .truncated, .reset, .slow]
        return order.flatMap { kind in profiles.filter { $0.kind == kind } }
    }

    /// Applies a transport fault to the answer the request produced. The body faults apply
    /// only where HTTP allows a body (not 1xx, 204 or 304).
    static func apply(_ profile: MockProfile, to response: inout MockResponse) {
        let mayHaveBody = response.status >= 200 && response.status != 204 && response.status != 304
        switch (profile.kind, profile.options) {
        case (.nonJSON, _) where mayHaveBody:
            response.headers = MockHeaders(response.headers.fields.filter { $0.name.lowercased() != "content-type" })
            response.headers.add("Content-Type", MockResponse.jsonContentType)
            response.body = Array(errorPage.utf8)
        case (.large, .size(let size)) where !response.body.isEmpty && response.body.count < size:
            // Insignificant whitespace after the value: the JSON (or XML) means exactly what it
            // meant, so only the size is under test, and a client under its limit passes.
            response.delivery.padding = size - response.body.count
        case (.truncated, _) where mayHaveBody && response.delivery.ending == .complete:
            response.delivery.ending = .close(afterBytes: cut(&response))
        case (.reset, _) where mayHaveBody && response.delivery.ending == .complete:
            response.delivery.ending = .reset(afterBytes: cut(&response))
        case (.slow, .delay(let delay)):
            response.delivery.delay = max(response.delivery.delay, delay)
        default:
            return
        }
    }

    /// Where a truncated or reset answer stops: half of what `Content-Length` announces. An
    /// empty body is announced as one byte (a space) so that even it ends short.
    private static func cut(_ response: inout MockResponse) -> Int {
        let total = response.body.count + response.delivery.padding
        if total == 0 { response.delivery.padding = 1 }
        return total / 2
    }

    /// What nginx answers when its upstream fails.
    static let badGatewayPage = """
        <html>
        <head><title>502 Bad Gateway</title></head>
        <body>
        <center><h1>502 Bad Gateway</h1></center>
        <hr><center>nginx</center>
        </body>
        </html>

        """

    /// Rails' public/500.html, in short: the page a crashed app answers with.
    static let errorPage = """
        <!DOCTYPE html>
        <html>
        <head><title>We're sorry, but something went wrong (500)</title></head>
        <body><div class="dialog"><h1>We're sorry, but something went wrong.</h1></div></body>
        </html>

        """
}
