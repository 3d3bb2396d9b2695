/// Downloads of uploaded attachments, at the URLs objects give in `original`, `thumbnail`…
/// These live outside `/api/v4` and need no credentials, like the real service's storage
/// links (reference §16.2 does not document them).
extension MockDeployment {
    static var mediaRoutes: [Route] {
        [Route("GET", "media/{attachment}/{variant}/{filename}") { context throws(APIError) in try context.deployment.download(context) }]
    }

    func download(_ context: RouteContext) throws(APIError) -> MockResponse {
        let id = context.parameter("attachment")
        guard MediaVariant(rawValue: context.parameter("variant")) != nil else {
            throw .noRoute(method: context.request.method, path: context.request.path)
        }
        let attachment = store.withLock { $0.attachment(id: id) }
        guard let attachment, attachment.filename == context.parameter("filename") else {
            throw APIError(.objectNotFound, "No attachment found with ID: '\(id)'")
        }
        return MockResponse(
            status: 200, headers: ["Content-Type": MediaVariant.contentType(forFilename: attachment.filename)],
            body: attachment.bytes)
    }
}
