import ConformShape
import ConformDataModel

/// `GET datamodel.json` and `GET datamodel.xml` (reference §13.1, §13.2, §21.14).
extension MockDeployment {
    static var dataModelRoutes: [Route] {
        [
            Route("GET", "datamodel.json") { context throws(APIError) in context.deployment.dataModelJSON(context) },
            Route("GET", "datamodel.xml") { context throws(APIError) in context.deployment.dataModelXML(context) },
        ]
    }

    /// The `datamodel.json` body (``DataModel/datamodelJSON``) with a strong `ETag` made from
    /// `datamodel_hash`; a matching `If-None-Match` gets `304 Not Modified` without a body.
    func dataModelJSON(_ context: RouteContext) -> MockResponse {
        let tag = "\"\(configuration.dataModel.hash)\""
        if Self.matches(context.request.headers["If-None-Match"], tag) { return Self.notModified(tag) }
        var response = MockResponse.json(configuration.dataModel.datamodelJSON)
        response.headers.add("ETag", tag)
        return response
    }

    /// The XML as loaded, byte for byte, as `application/xml; charset=utf-8` (for a model read
    /// from a `datamodel.json`, XML written from it). It has its own ETag: a strong validator
    /// must differ between representations.
    func dataModelXML(_ context: RouteContext) -> MockResponse {
        let tag = "\"\(configuration.dataModel.hash)-xml\""
        if Self.matches(context.request.headers["If-None-Match"], tag) { return Self.notModified(tag) }
        return MockResponse(
            status: 200, headers: ["Content-Type": "application/xml; charset=utf-8", "ETag": tag],
            body: configuration.dataModel.xmlBytes)
    }

    /// `If-None-Match` uses the weak comparison (RFC 9110 §13.1.2): `W/` is ignored, `*`
    /// matches any current representation, and the header may list several tags.
    static func matches(_ header: String?, _ tag: String) -> Bool {
        guard let header else { return false }
        for candidate in header.split(separator: ",").map({ $0.trimmedWhitespace }) {
            if candidate == "*" { return true }
            let opaque = candidate.hasPrefix("W/") ? String(candidate.dropFirst(2)) : candidate
            if opaque == tag { return true }
        }
        return false
    }

    private static func notModified(_ tag: String) -> MockResponse {
        MockResponse(status: 304, headers: ["ETag": tag])
    }
}
