import ConformShape
import ConformDataModel

/// `GET info.json` and `GET indexes.json` (reference §13.3, §13.4): undocumented endpoints
/// the official v4 client reads. Shapes follow its codec; the values are the mock's own.
extension MockDeployment {
    static var metadataRoutes: [Route] {
        [
            Route("GET", "info.json") { context throws(APIError) in context.deployment.info() },
            Route("GET", "indexes.json") { context throws(APIError) in context.deployment.indexes() },
        ]
    }

    /// `{label, app_label, app_id, org_id, region, environment, last_deployed_at,
    /// deployed_by_name, deployed_by_email}`. The IDs are 24 hex digits derived from the
    /// deployment ID (stable across runs); `last_deployed_at` is when the mock started, read
    /// from its clock without advancing it.
    func info() -> MockResponse {
        let id = configuration.deploymentID
        return .json([
            "label": "Conform mock deployment",
            "app_label": "Conform mock app",
            "app_id": .string(String(SHA256.hexDigest(of: Array("app:\(id)".utf8)).prefix(24))),
            "org_id": .string(String(SHA256.hexDigest(of: Array("org:\(id)".utf8)).prefix(24))),
            "region": "us",
            "environment": "testing",
            "last_deployed_at": .string(Timestamp.format(deployedAt)),
            "deployed_by_name": "Conform",
            "deployed_by_email": "conform@example.com",
        ])
    }

    /// `{models: {name: {indexes: [...]}}}` for every model: first the store's internal `_id`
    /// index (`type: "internal"`), then one `type: "schema"` entry per `<index>` of the XML,
    /// keyed `{field: 1 | -1}` (a belongs-to as its `<name>_id` key). All are `ready`, without
    /// usage statistics.
    func indexes() -> MockResponse {
        var models = JSONObject()
        for model in configuration.dataModel.models {
            var indexes: [JSONValue] = [
                ["key": ["_id": 1], "name": "_id_", "status": "ready", "type": "internal", "usage_stats": .null]
            ]
            for index in model.indexes {
                var key = JSONObject()
                for part in index.keys {
                    let name = model.belongsTo(named: part.name)?.idKey ?? part.name
                    key[name] = .integer(part.descending ? -1 : 1)
                }
                indexes.append([
                    "key": .object(key), "name": .string(index.name), "status": "ready", "type": "schema",
                    "usage_stats": .null,
                ])
            }
            models[model.name] = ["indexes": .array(indexes)]
        }
        return .json(["models": .object(models)])
    }
}
