import ConformShape
import ConformDataModel

/// What a handler gets: the request, the path parameters, and the deployment.
struct RouteContext: Sendable {
    let request: MockRequest
    let parameters: [String: String]
    let deployment: MockDeployment

    /// A path parameter the pattern declares; empty if the pattern does not have it.
    func parameter(_ name: String) -> String { parameters[name] ?? "" }

    /// `http(s)://<Host header>` as the client addressed the server, for links in bodies.
    var baseURL: String {
        let host = request.headers["Host"]?.trimmedWhitespace ?? ""
        return (request.scheme == "https" ? "https" : "http") + "://" + (host.isEmpty ? "localhost" : host)
    }

    /// The query string's pairs, decoded.
    func queryPairs() throws(APIError) -> [(key: String, value: String)] {
        do {
            return try QueryString.pairs(request.query)
        } catch {
            throw .invalidRequest("Invalid query string: \(error.detail)")
        }
    }

    /// The model named by the `{model}` parameter; an unknown model is a routing error.
    func model() throws(APIError) -> Model {
        let name = parameter("model")
        guard let model = deployment.configuration.dataModel.model(named: name) else {
            throw .unknownModel(name, method: request.method, path: request.path)
        }
        return model
    }
}
