/// `GET /objects/{model}/count.json` → `{count}` with the list's filters. Beta: the reference
/// found no v4 docs page for it, only third-party use (reference §6).
struct CountSpec {
    let plan: ModelPlan

    var document: SpecDocument {
        let model = plan.name
        let path = "/objects/\(model)/count.json"
        var spec = SpecDocument(
            name: "Count \(model) objects",
            endpoint: "GET /objects/{model}/count.json",
            description: "`{\"count\": n}`, filtered like a list (reference §6). Undocumented in v4, so beta: its failures are "
                + "reported but do not fail the run unless --fail-on-beta. " + plan.isolation.explanation,
            tags: ["objects", "count", model])
        spec.stability = "beta"
        spec.variables = plan.runVariable
        spec.cases = plan.parentCases + plan.pairCases
        let countShape = SpecExpectation.ref("../shapes/count-result.yaml")
        // Other objects may exist, and other files may be creating some right now: at least
        // this file's two are there.
        spec.cases.append(SpecCase(
            name: "counts every object",
            request: SpecRequest(method: "GET", path: path),
            expect: SpecExpectation(shape: .map([("allOf", .list([
                countShape, .map([("properties", .map([("count", .map([("minimum", .integer(2))]))]))]),
            ]))]))))
        let filter = plan.isolation.query
        if !filter.isEmpty {
            spec.cases.append(counting("counts the objects a query matches", filter, 2, shape: countShape))
        }
        spec.cases.append(counting("counts by id", [("query[id]", .string("${first}"))], 1, shape: countShape))
        spec.cases.append(counting("counts 0 when nothing matches",
                                   [("query[id]", .string("${first}")), ("query[_updated_at.gt]", .string(QuerySpec.future))], 0,
                                   shape: countShape))
        spec.teardown = plan.teardown(["first", "second"])
        return spec
    }

    private func counting(_ name: String, _ query: [(String, YAMLNode)], _ count: Int64, shape: YAMLNode) -> SpecCase {
        SpecCase(name: name, request: SpecRequest(method: "GET", path: "/objects/\(plan.name)/count.json", query: query),
                 expect: SpecExpectation(shape: shape, values: [("$.count", .integer(count))]))
    }
}
