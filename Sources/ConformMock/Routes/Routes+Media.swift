import ConformDataModel

/// Downloads of uploaded attachments, at the URLs objects give in `original`, `thumbnail`…
/// (reference §16.2). These live outside `/api/v4` and need no credentials, like the real
/// service's links. As real servers may (reference §14: "3xx redirect … e.g. downloading
/// attachments"), the object's URL answers `302 Found` with a `Location` on the mock's own
/// storage path, which serves the bytes.
extension MockDeployment {
    static var mediaRoutes: [Route] {
        [
            Route("GET", "media/{attachment}/{variant}/{filename}") { context throws(APIError) in try context.deployment.download(context) },
            Route("GET", "storage/{attachment}/{variant}/{filename}") { context throws(APIError) in try context.deployment.stored(context) },
        ]
    }

    /// `GET /media/{id}/{variant}/{filename}` → 302 to `/storage/{id}/{variant}/{filename}` on
    /// the host the client used.
    func download(_ context: RouteContext) throws(APIError) -> MockResponse {
        let attachment = try attachment(context)
        guard let variant = MediaVariant(rawValue: context.parameter("variant")) else {
            throw .noRoute(method: context.request.method, path: context.request.path)
        }
        let location = MediaVariant.url(base: context.baseURL, attachment: attachment, variant: variant, root: "storage")
        return MockResponse(status: 302, headers: ["Location": location])
    }

    /// `GET /storage/{id}/{variant}/{filename}`: the bytes, typed by the file name's extension.
    func stored(_ context: RouteContext) throws(APIError) -> MockResponse {
        let attachment = try attachment(context)
        guard MediaVariant(rawValue: context.parameter("variant")) != nil else {
            throw .noRoute(method: context.request.method, path: context.request.path)
        }
        return MockResponse(
            status: 200, headers: ["Content-Type": MediaVariant.contentType(forFilename: attachment.filename)],
            body: attachment.bytes)
    }

    /// The attachment the path names, if its file name matches; else `OBJECT_NOT_FOUND`.
    private func attachment(_ context: RouteContext) throws(APIError) -> StoredAttachment {
        let id = context.parameter("attachment")
        let attachment = store.withLock { $0.attachment(id: id) }
        guard let attachment, attachment.filename == context.parameter("filename") else {
            throw APIError(.objectNotFound, "No attachment found with ID: '\(id)'")
        }
        return attachment
    }
}
