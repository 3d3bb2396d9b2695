import ConformShape

/// An answer on its way through the drift profiles: the body is parsed once, changed as a
/// JSON value by each profile, and written back once.
struct ResponseDraft {
    var status: Int
    var headers: MockHeaders
    /// The body as JSON, when it is a JSON answer; `nil` leaves ``raw`` untouched.
    var json: JSONValue? { didSet { jsonChanged = true } }
    /// Whether a profile set ``json``: an answer no profile changed keeps its bytes as they were.
    private var jsonChanged = false
    var raw: [UInt8]
    var delivery: MockDelivery

    init(_ response: MockResponse) {
        status = response.status
        headers = response.headers
        raw = response.body
        delivery = response.delivery
        let isJSON = response.headers["Content-Type"]?.lowercased().hasPrefix("application/json") ?? false
        json = isJSON && !response.body.isEmpty ? response.json : nil
        jsonChanged = false
    }

    /// Whether the status is a success, whose records field changes apply to.
    var isSuccess: Bool { (200..<300).contains(status) }

    /// Whether the body is an error envelope (an error status and an object with `type`).
    var isErrorEnvelope: Bool { status >= 400 && json?["type"] != nil }

    /// The finished answer. A status that must not carry a body (1xx, 204, 304) gets none.
    func response() -> MockResponse {
        var body = jsonChanged ? json.map(\.compactBytes) ?? raw : raw
        if status < 200 || status == 204 || status == 304 { body = [] }
        return MockResponse(status: status, headers: headers, body: body, delivery: delivery)
    }
}
