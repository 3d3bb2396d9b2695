import ConformShape
import ConformDataModel

/// `POST objects/{model}/search.json` (reference §3.4) and `POST objects/{model}/query.json`
/// (§3.5): both answer the list wrapper of §2.
extension MockDeployment {
    static var searchRoutes: [Route] {
        [
            Route("POST", "objects/{model}/search.json") { context throws(APIError) in try context.deployment.searchObjects(context) },
            Route("POST", "objects/{model}/query.json") { context throws(APIError) in try context.deployment.queryObjects(context) },
        ]
    }

    /// `query.json`: `{expression, arguments, limit, skip, sort}` as the official client sends
    /// it; `limit`/`skip` may be `null` (then the defaults of a list), `sort` is an array of
    /// names, `-` first for descending. Other keys are ignored.
    func queryObjects(_ context: RouteContext) throws(APIError) -> MockResponse {
        let model = try context.model()
        let body = try Self.jsonBody(context.request.body, example: "{\"expression\": \"name = ?\", \"arguments\": [\"x\"]}")
        let expressionText: String
        switch body["expression"] ?? .null {
        case .null: expressionText = ""
        case .string(let text): expressionText = text
        case let other: throw .invalidRequest("expression must be a string, got \(other.typeDescription).")
        }
        let arguments: [JSONValue]
        switch body["arguments"] ?? .null {
        case .null: arguments = []
        case .array(let array): arguments = array
        case let other: throw .invalidRequest("arguments must be an array, got \(other.typeDescription).")
        }
        let expression = try QueryExpression.parse(expressionText, arguments: arguments, model: model)
        let paging = ListPaging(limit: try Self.count(body["limit"], name: "limit").map { min($0, ListPaging.maximumLimit) } ?? ListPaging.maximumLimit,
                                skip: try Self.count(body["skip"], name: "skip") ?? 0)
        var sort: [(target: ObjectQuery.Target, descending: Bool)] = []
        switch body["sort"] ?? .null {
        case .null: break
        case .array(let keys):
            for key in keys {
                guard case .string(let text) = key, !text.isEmpty, text != "-" else {
                    throw .invalidRequest("sort must hold field names (\"-name\" for descending), got \(key.excerpt(200)).")
                }
                let descending = text.hasPrefix("-")
                sort.append((try ObjectQuery.sortTarget(descending ? String(text.dropFirst()) : text, model: model), descending))
            }
        case let other: throw .invalidRequest("sort must be an array of field names, got \(other.typeDescription).")
        }
        return store.withLock { store in
            let matching = ObjectQuery.sorted(store.all(model: model.name).filter(expression.matches), by: sort)
            return listPage(matching, paging: paging, store: store, context: context)
        }
    }

    /// `search.json`: the text in the parameter `query` (form body, JSON body or URL) matched,
    /// without regard to case, as a part of any field's text (text, numbers, dates, choice
    /// labels). `limit`, `skip`, `sort[…]` and `query[…]` filters come from the URL as on a list.
    func searchObjects(_ context: RouteContext) throws(APIError) -> MockResponse {
        let model = try context.model()
        let pairs = try context.queryPairs()
        let paging = try ListPaging(pairs: pairs)
        let filters = try ObjectQuery(pairs: pairs, model: model)
        guard let text = try Self.searchText(context.request, urlPairs: pairs) else {
            throw .invalidRequest("The search text is missing: send it in the parameter 'query', e.g. query=site.")
        }
        let needle = text.lowercased()
        return store.withLock { store in
            let matching = filters.apply(to: store, model: model).filter { object in
                needle.isEmpty || SearchText.strings(of: object, model: model).contains { $0.lowercased().contains(needle) }
            }
            return listPage(matching, paging: paging, store: store, context: context)
        }
    }

    /// `{objects, count, total, more}` for one page of `matching`.
    func listPage(_ matching: [StoredObject], paging: ListPaging, store: ObjectStore, context: RouteContext) -> MockResponse {
        let page = Array(matching.dropFirst(paging.skip).prefix(paging.limit))
        return listResponse(page, skip: paging.skip, total: matching.count, store: store, context: context)
    }

    /// The list wrapper for `page`, the objects from position `skip` of `total` matching ones.
    func listResponse(_ page: [StoredObject], skip: Int, total: Int, store: ObjectStore, context: RouteContext) -> MockResponse {
        let renderer = ObjectRenderer(dataModel: configuration.dataModel, store: store, baseURL: context.baseURL)
        return .json([
            "objects": .array(page.map(renderer.render)),
            "count": .integer(Int64(page.count)),
            "total": .integer(Int64(total)),
            "more": .bool(skip + page.count < total),
        ])
    }

    // MARK: - Bodies

    private static func jsonBody(_ body: [UInt8], example: String) throws(APIError) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes: body)
        } catch {
            throw .invalidRequest("The request body is not valid JSON (\(error.description)); expected \(example).")
        }
        guard case .object(let object) = value else { throw .invalidRequest("The request body must be a JSON object, e.g. \(example).") }
        return object
    }

    /// A non-negative integer or `null`/absent.
    private static func count(_ value: JSONValue?, name: String) throws(APIError) -> Int? {
        guard let value, !value.isNull else { return nil }
        guard let integer = value.integerValue, integer >= 0 else {
            throw .invalidRequest("\(name) must be a non-negative integer or null, got \(value.excerpt(200)).")
        }
        return Int(clamping: integer)
    }

    /// The search text from a JSON body `{"query": …}`, a form body `query=…`, or the URL.
    private static func searchText(_ request: MockRequest, urlPairs: [(key: String, value: String)]) throws(APIError) -> String? {
        let contentType = request.headers["Content-Type"]?.lowercased() ?? ""
        if !request.body.isEmpty {
            if contentType.hasPrefix("application/json") {
                let body = try jsonBody(request.body, example: "{\"query\": \"site\"}")
                if case .string(let text)? = body["query"] { return text }
                if body["query"] != nil { throw .invalidRequest("query must be a string.") }
            } else {
                guard let text = String(validating: request.body, as: UTF8.self), let pairs = try? QueryString.pairs(text) else {
                    throw .invalidRequest("The form body could not be read.")
                }
                if let value = pairs.last(where: { $0.key == "query" })?.value { return value }
            }
        }
        return urlPairs.last { $0.key == "query" }?.value
    }
}

/// The text of an object's fields that `search.json` looks in.
enum SearchText {
    static func strings(of object: StoredObject, model: Model) -> [String] {
        model.fields.flatMap { field -> [String] in
            guard let value = object.values[field.name] else { return [] }
            switch value {
            case .text(let text): return [text]
            case .integer(let integer): return [String(integer)]
            case .number(let number): return [number.compactText]
            case .date(let date): return [date]
            case .datetime(let seconds): return [Timestamp.format(seconds)]
            case .boolean(let flag): return [field.option(forKey: .boolean(flag))?.label ?? ""]
            case .choice(let key): return [field.option(forKey: key)?.label ?? ""]
            case .choices(let keys): return keys.compactMap { field.option(forKey: $0)?.label }
            case .location, .attachment, .track: return []
            }
        }
    }
}
