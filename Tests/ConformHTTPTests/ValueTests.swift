import ConformHTTP
import Testing

@Suite("Values: headers and errors")
struct ValueTests {
    @Test("header lookup is case-insensitive; order and repeats are kept")
    func headers() {
        var headers: HTTPHeaders = ["Set-Cookie": "a=1", "Content-Type": "text/plain", "set-cookie": "b=2"]
        #expect(headers["SET-COOKIE"] == "a=1")
        #expect(headers.values(for: "set-cookie") == ["a=1", "b=2"])
        #expect(headers.contains("content-type"))
        #expect(headers["X-Missing"] == nil)
        headers.replace("content-type", with: "application/json")
        #expect(headers.values(for: "Content-Type") == ["application/json"])
        headers.remove("SET-cookie")
        #expect(headers.count == 1)
        #expect(headers.description == "content-type: application/json")
    }

    @Test("a transport error reads as METHOD URL: summary (NAME code): detail")
    func transportErrorDescription() {
        let error = TransportError(
            kind: .connectionRefused, method: "GET", url: "http://127.0.0.1:9/x", code: 7,
            codeName: "CURLE_COULDNT_CONNECT", summary: "Couldn't connect to server",
            detail: "Failed to connect to 127.0.0.1 port 9 after 0 ms: Connection refused")
        #expect(error.description
            == "GET http://127.0.0.1:9/x: Couldn't connect to server (CURLE_COULDNT_CONNECT 7): Failed to connect to 127.0.0.1 port 9 after 0 ms: Connection refused")
        let cancelled = TransportError(kind: .cancelled, method: "GET", url: "http://h/", summary: "cancelled")
        #expect(cancelled.description == "GET http://h/: cancelled")
    }
}

@Suite("Values: redaction")
struct RedactionTests {
    @Test("request descriptions and redacted headers hide credentials")
    func redaction() throws {
        let request = try HTTPRequest(
            method: .post, url: "https://api.example.com/objects.json",
            headers: ["Cookie": "session=s3cret", "Accept": "application/json"], body: [1, 2, 3]
        ).authorized(with: .namedToken("s3cret"))
        let text = request.description
        #expect(!text.contains("s3cret"))
        #expect(text.contains("Authorization: ***"))
        #expect(text.contains("Accept: application/json"))
        #expect(text.hasPrefix("POST https://api.example.com/objects.json"))
        #expect(request.headers.redacted.count == request.headers.count)
    }
}
