import ConformDataModel

/// `GET /objects/{model}.json?query[…]`: equality on a text field, the id and a belongs-to
/// id, a single-choice key, `.contains`, `.gt` on `_updated_at`, criteria ANDed (reference §3).
struct QuerySpec {
    let plan: ModelPlan

    /// Far enough in the past and future that every object was updated in between.
    static let past = "2000-01-01T00:00:00Z"
    static let future = "2999-12-31T23:59:59Z"

    var document: SpecDocument {
        let model = plan.name
        var spec = SpecDocument(
            name: "Query \(model) objects",
            endpoint: "GET /objects/{model}.json?query[...]",
            description: "URL filters `query[field]=value` with the operators of reference §3.1, ANDed; the answer is the list wrapper. "
                + plan.isolation.explanation,
            tags: ["objects", "query", model])
        spec.variables = plan.runVariable
        spec.cases = plan.parentCases + plan.pairCases
        if let marker = plan.marker, let first = FieldSamples.sample(marker, variant: 0, marked: true) {
            spec.cases.append(matching("matches a text field exactly", [("query[\(marker.name)]", first.written)], ids: ["first"]))
            spec.cases.append(matching("contains matches part of a text field", [("query[\(marker.name).contains]", .string("${run}"))],
                                       ids: nil, count: 2))
        }
        spec.cases.append(matching("matches the id", [("query[id]", .string("${first}"))], ids: ["first"]))
        if let parent = plan.parents.first {
            spec.cases.append(matching("matches a belongs-to id", [("query[\(parent.variable)]", .string("${\(parent.variable)}"))],
                                       ids: nil, count: 2))
        }
        let filter = plan.isolation.query
        if !filter.isEmpty {
            if let choice = singleChoice, let key = FieldSamples.sample(choice, variant: 0)?.written {
                spec.cases.append(matching("matches the key of a single-choice field", filter + [("query[\(choice.name)]", key)], ids: ["first"]))
            }
            spec.cases.append(matching("combines criteria with AND", filter + [("query[id]", .string("${second}"))], ids: ["second"]))
        }
        spec.cases.append(matching("_updated_at.gt a moment in the past includes the object",
                                   [("query[id]", .string("${first}")), ("query[_updated_at.gt]", .string(Self.past))], ids: ["first"]))
        spec.cases.append(matching("_updated_at.gt a moment in the future excludes it",
                                   [("query[id]", .string("${first}")), ("query[_updated_at.gt]", .string(Self.future))], ids: []))
        spec.teardown = plan.teardown(["first", "second"])
        return spec
    }

    /// A single-choice field whose two objects hold different keys.
    private var singleChoice: ConformDataModel.Field? {
        plan.model.fields.first { ($0.type == .singleChoice || $0.type == .singleChoiceInteger) && $0.options.count >= 2 }
    }

    /// A query that must match exactly `ids` (in order), or `count` objects when `ids` is nil.
    private func matching(_ name: String, _ query: [(String, YAMLNode)], ids: [String]?, count: Int = 0) -> SpecCase {
        var values: [(String, YAMLNode)] = [("$.count", .integer(Int64(ids?.count ?? count))), ("$.more", .bool(false))]
        for (index, id) in (ids ?? []).enumerated() { values.append(("$.objects[\(index)].id", .string("${\(id)}"))) }
        return SpecCase(name: name, request: SpecRequest(method: "GET", path: plan.collectionPath, query: query),
                        expect: SpecExpectation(shape: plan.listShapeRef, values: values))
    }
}
