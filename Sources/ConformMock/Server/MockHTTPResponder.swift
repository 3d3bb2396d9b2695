import Hummingbird
import NIOCore

/// The Hummingbird side of the mock: turns a Hummingbird request into a ``MockRequest``,
/// asks the deployment, and turns the ``MockResponse`` back, delivered as its
/// ``MockDelivery`` says. No routing happens here.
struct MockHTTPResponder: HTTPResponder {
    typealias Context = MockRequestContext

    let deployment: MockDeployment
    /// `https` when the server serves TLS.
    let scheme: String

    func respond(to request: Request, context: Context) async throws -> Response {
        var headers = MockHeaders()
        // HTTP types move an HTTP/1.1 `Host` header into the request's authority; put it back,
        // so links in bodies name the host the client used.
        if let authority = request.head.authority { headers.add("Host", authority) }
        for field in request.headers { headers.add(field.name.rawName, field.value) }
        let body: [UInt8]
        do {
            let buffer = try await request.body.collect(upTo: deployment.configuration.maximumBodySize)
            body = Array(buffer.readableBytesView)
        } catch {
            // Too large, or the client went away mid-body: either way there is no body to read.
            let limit = deployment.configuration.maximumBodySize
            return Self.response(.error(.invalidRequest("The request body could not be read (the limit is \(limit) bytes).")))
        }
        let mockRequest = MockRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
            headers: headers, body: body, scheme: scheme)
        let response = deployment.respond(to: mockRequest)
        if response.delivery.delay > .zero {
            await FaultyDelivery.wait(response.delivery.delay, unlessClosed: context.channel)
        }
        return Self.response(response, channel: context.channel)
    }

    /// The Hummingbird response; a faulty ending needs the connection's channel.
    static func response(_ response: MockResponse, channel: (any Channel)? = nil) -> Response {
        var fields = HTTPFields()
        for header in response.headers {
            // `HTTPField` itself is not re-exported by Hummingbird; reach it as the element type.
            if let name = HTTPFields.Element.Name(header.name) { fields.append(HTTPFields.Element(name: name, value: header.value)) }
        }
        let body: ResponseBody
        if let channel, response.delivery.padding > 0 || response.delivery.ending != .complete {
            body = FaultyDelivery.body(response.body, delivery: response.delivery, on: channel)
        } else {
            body = ResponseBody(byteBuffer: ByteBuffer(bytes: response.body))
        }
        return Response(status: HTTPResponse.Status(code: response.status), headers: fields, body: body)
    }
}

/// Hummingbird's basic request context plus the connection's channel, which the faulty
/// deliveries close or reset and the slow one watches.
struct MockRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}
