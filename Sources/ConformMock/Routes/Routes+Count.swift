import ConformShape

/// `GET objects/{model}/count.json` → `{"count": n}`, with the same `query`/`q` filters as a
/// list. The v4 docs page was not found; third-party scripts read `.count` from this URL
/// (reference §6).
extension MockDeployment {
    static var countRoutes: [Route] {
        [Route("GET", "objects/{model}/count.json") { context throws(APIError) in try context.deployment.countObjects(context) }]
    }

    func countObjects(_ context: RouteContext) throws(APIError) -> MockResponse {
        let model = try context.model()
        let query = try ObjectQuery(pairs: context.queryPairs(), model: model)
        let count = store.withLock { query.apply(to: $0, model: model).count }
        return .json(["count": .integer(Int64(count))])
    }
}
