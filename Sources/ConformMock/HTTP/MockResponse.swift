public import ConformShape

/// A response as the mock produces it: status, headers and body bytes, and how the server
/// delivers them (at once and whole, unless a fault profile says otherwise).
public struct MockResponse: Sendable, Hashable {
    public var status: Int
    public var headers: MockHeaders
    public var body: [UInt8]
    public var delivery: MockDelivery

    public init(status: Int, headers: MockHeaders = [:], body: [UInt8] = [], delivery: MockDelivery = .whole) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delivery = delivery
    }

    /// The body parsed as JSON, or `nil` when it is empty or not JSON.
    public var json: JSONValue? {
        guard !body.isEmpty else { return nil }
        return try? JSONValue.parse(bytes: body)
    }

    /// The content type every JSON answer carries, as Rails writes it.
    static let jsonContentType = "application/json; charset=utf-8"

    /// A JSON body with `Content-Type: application/json; charset=utf-8`.
    static func json(_ value: JSONValue, status: Int = 200) -> MockResponse {
        MockResponse(status: status, headers: ["Content-Type": jsonContentType], body: value.compactBytes)
    }

    /// The error envelope `{type,title,detail,see}` with the status of its type.
    static func error(_ error: APIError) -> MockResponse {
        var response = json(error.body, status: error.status)
        if error.kind == .authenticationFailed {
            // What Rails' HTTP Basic sends with its 401, so clients know which schemes to try.
            response.headers.add("WWW-Authenticate", "Basic realm=\"Application\"")
        }
        return response
    }
}
