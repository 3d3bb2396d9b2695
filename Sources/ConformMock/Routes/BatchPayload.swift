import ConformShape
import ConformDataModel

/// A `batch.json` body checked for form (reference §11, §19): a JSON object with an
/// `operations` array of at most 1000 entries, each `{method, object}` with a known method,
/// `object.type` naming a model, and `object.id` a string where the method needs one.
/// Anything else makes the whole request ill-formed: `INVALID_API_REQUEST` and nothing applied.
/// Field values, ID formats and existence are checked per operation when it runs.
struct BatchPayload: Sendable {
    static let maximumOperations = 1000

    enum Method: String, Sendable, CaseIterable {
        case post, put, patch, delete
    }

    struct Operation: Sendable {
        let method: Method
        let model: Model
        /// The object's keys, `type` and `id` included (the field codec ignores `type`).
        let attributes: JSONObject
        /// `object.id` as written; required for put, patch and delete.
        let id: String?
    }

    let stopOnError: Bool
    let operations: [Operation]

    init(body: [UInt8], dataModel: DataModel) throws(APIError) {
        let root: JSONValue
        do {
            root = try JSONValue.parse(bytes: body)
        } catch {
            throw .invalidRequest("The batch body is not valid JSON: \(error.description).")
        }
        guard case .object(let object) = root else {
            throw .invalidRequest("The batch body must be a JSON object {\"operations\": […]}, got \(root.typeDescription).")
        }
        switch object["stop_on_error"] ?? .null {
        case .null: stopOnError = false
        case .bool(let flag): stopOnError = flag
        case let other: throw .invalidRequest("stop_on_error must be true or false, got \(other.excerpt(200)).")
        }
        guard case .array(let elements) = object["operations"] ?? .null else {
            throw .invalidRequest("The batch body needs an \"operations\" array.")
        }
        guard elements.count <= Self.maximumOperations else {
            throw .invalidRequest(
                "A batch may hold at most \(Self.maximumOperations) operations; this one has \(elements.count).")
        }
        var operations: [Operation] = []
        operations.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            operations.append(try Self.operation(element, index: index, dataModel: dataModel))
        }
        self.operations = operations
    }

    private static func operation(_ element: JSONValue, index: Int, dataModel: DataModel) throws(APIError) -> Operation {
        let at = "operations[\(index)]"
        guard case .object(let operation) = element else {
            throw .invalidRequest("\(at) must be an object {\"method\": …, \"object\": {…}}.")
        }
        guard case .string(let methodText) = operation["method"] ?? .null,
            let method = Method(rawValue: methodText.lowercased())
        else {
            let given = operation["method"]?.compactText ?? "nothing"
            throw .invalidRequest("\(at).method must be one of post, put, patch, delete; got \(given).")
        }
        guard case .object(let object) = operation["object"] ?? .null else {
            throw .invalidRequest("\(at).object must be an object with at least \"type\".")
        }
        guard case .string(let type) = object["type"] ?? .null else {
            throw .invalidRequest("\(at).object.type is required: the model name.")
        }
        guard let model = dataModel.model(named: type) else {
            throw .invalidRequest("\(at).object.type '\(type)' is not a model of this data model.")
        }
        var id: String?
        switch object["id"] {
        case .string(let text)?: id = text
        case nil, .null?:
            guard method == .post else { throw .invalidRequest("\(at).object.id is required for \(method.rawValue).") }
        case let other?:
            throw .invalidRequest("\(at).object.id must be a string, got \(other.excerpt(200)).")
        }
        return Operation(method: method, model: model, attributes: object, id: id)
    }
}
