/// `GET /objects/{model}.json?sort[…]`: ascending, descending, `1`/`-1`, several keys, and the
/// hidden `_updated_at` (reference §4).
struct SortSpec {
    let plan: ModelPlan

    var document: SpecDocument {
        let model = plan.name
        var spec = SpecDocument(
            name: "Sort \(model) objects",
            endpoint: "GET /objects/{model}.json?sort[...]",
            description: "`sort[field]=asc|desc|1|-1` and several keys (reference §4). The first object's sample "
                + "value sorts before the second's. " + plan.isolation.explanation,
            tags: ["objects", "sort", model])
        spec.variables = plan.runVariable
        spec.cases = plan.parentCases + plan.pairCases
        let filter = plan.isolation.query
        let ordered: Bool = if case .none = plan.isolation { false } else { true }
        if let field = plan.sortField {
            let key = "sort[\(field.name)]"
            spec.cases.append(sorted("sorts ascending by \(field.name)", filter + [(key, .string("asc"))], ordered ? ["first", "second"] : nil))
            spec.cases.append(sorted("sorts descending by \(field.name)", filter + [(key, .string("desc"))], ordered ? ["second", "first"] : nil))
            spec.cases.append(sorted("accepts -1 for descending", filter + [(key, .integer(-1))], ordered ? ["second", "first"] : nil))
            // The first key decides here (the two values differ); the second is only accepted.
            spec.cases.append(sorted("accepts several sort keys, the first deciding",
                                     filter + [(key, .integer(1)), ("sort[_updated_at]", .string("desc"))], ordered ? ["first", "second"] : nil))
        }
        // Only that the key is accepted: two objects made a moment apart may share an update time.
        spec.cases.append(sorted("accepts sort[_updated_at]", filter + [("sort[_updated_at]", .string("desc")), ("limit", .integer(5))],
                                 nil))
        spec.teardown = plan.teardown(["first", "second"])
        return spec
    }

    /// The wrapper, and when the order is known, the objects in that order.
    private func sorted(_ name: String, _ query: [(String, YAMLNode)], _ ids: [String]?) -> SpecCase {
        var values: [(String, YAMLNode)] = []
        if let ids {
            values.append(("$.count", .integer(Int64(ids.count))))
            for (index, id) in ids.enumerated() { values.append(("$.objects[\(index)].id", .string("${\(id)}"))) }
        }
        return SpecCase(name: name, request: SpecRequest(method: "GET", path: plan.collectionPath, query: query),
                        expect: SpecExpectation(shape: plan.listShapeRef, values: values))
    }
}
