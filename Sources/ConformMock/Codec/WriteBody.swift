import ConformShape
import ConformDataModel

/// The attributes of a create or update body, unwrapped from the model-name key
/// (reference §7): `{"task": {...}}` as JSON, or `task[name]=…` form-encoded.
struct WriteBody: Sendable {
    let encoding: BodyEncoding
    let attributes: JSONObject

    /// Reads the body by its `Content-Type`: `application/json` (or `…+json`) as JSON;
    /// `application/x-www-form-urlencoded`, or no `Content-Type` at all, as a form (the docs
    /// call form encoding the default that "usually does not have to be specified"). Other
    /// types, malformed bodies, and bodies not keyed by the model name are `INVALID_API_REQUEST`.
    init(request: MockRequest, model: Model) throws(APIError) {
        let contentType = request.headers["Content-Type"].map(Self.mediaType) ?? ""
        let root: JSONObject
        if contentType == "application/json" || contentType.hasSuffix("+json") {
            encoding = .json
            root = try Self.json(request.body, model: model)
        } else if contentType == "application/x-www-form-urlencoded" || contentType.isEmpty {
            encoding = .form
            root = try Self.form(request.body)
        } else {
            throw .invalidRequest(
                "Unsupported Content-Type '\(contentType)': send application/json or application/x-www-form-urlencoded.")
        }
        let example = "{\"\(model.name)\": {…}}"
        guard let wrapped = root[model.name] else {
            throw .invalidRequest("The request body must be keyed by the model name, e.g. \(example).")
        }
        for key in root.keys where key != model.name {
            throw .invalidRequest("Unexpected parameter '\(key)': the request body must hold only \(example).")
        }
        guard case .object(let attributes) = wrapped else {
            throw .invalidRequest("'\(model.name)' must hold an object of field values, e.g. \(example).")
        }
        self.attributes = attributes
    }

    /// `application/json; charset=utf-8` → `application/json`.
    private static func mediaType(_ header: String) -> String {
        (header.split(separator: ";", maxSplits: 1).first.map { $0.trimmedWhitespace } ?? "").lowercased()
    }

    private static func json(_ body: [UInt8], model: Model) throws(APIError) -> JSONObject {
        guard !body.isEmpty else {
            throw .invalidRequest("The request body is empty; expected {\"\(model.name)\": {…}}.")
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes: body)
        } catch {
            throw .invalidRequest("The request body is not valid JSON: \(error.description).")
        }
        guard case .object(let object) = value else {
            throw .invalidRequest("The request body must be a JSON object, got \(value.typeDescription).")
        }
        return object
    }

    private static func form(_ body: [UInt8]) throws(APIError) -> JSONObject {
        guard let text = String(validating: body, as: UTF8.self) else {
            throw .invalidRequest("The form body is not UTF-8 text.")
        }
        do {
            return try FormDecoder.decode(QueryString.pairs(text))
        } catch {
            throw .invalidRequest("Invalid form body: \(error.detail).")
        }
    }
}
