/// `GET /objects/{model}.json`: the list wrapper, `limit`, `skip` and `more` (reference §2, §5).
struct ListSpec {
    let plan: ModelPlan

    var document: SpecDocument {
        let model = plan.name
        var spec = SpecDocument(
            name: "List \(model) objects",
            endpoint: "GET /objects/{model}.json",
            description: "The list wrapper {objects, count, total, more} holding `\(model)` objects, paged with limit and skip (reference §2, §5). "
                + plan.isolation.explanation,
            tags: ["objects", "list", model])
        spec.variables = plan.runVariable
        spec.cases = plan.parentCases + plan.pairCases
        let filter = plan.isolation.query
        spec.cases.append(SpecCase(
            name: "lists objects in the wrapper",
            request: SpecRequest(method: "GET", path: plan.collectionPath),
            expect: SpecExpectation(shape: plan.listShapeRef)))
        // With two objects behind the filter, a page of one must say there is more.
        spec.cases.append(SpecCase(
            name: "limit bounds the page and more says there is another",
            request: SpecRequest(method: "GET", path: plan.collectionPath, query: filter + [("limit", .integer(1))]),
            expect: SpecExpectation(shape: plan.listShapeRef, values: [("$.count", .integer(1)), ("$.more", .bool(true))])))
        spec.cases.append(skipCase(filter: filter))
        spec.cases.append(SpecCase(
            name: "accepts empty limit and skip as the official client sends them",
            request: SpecRequest(method: "GET", path: plan.collectionPath + "?limit=&skip=&"),
            expect: SpecExpectation(shape: plan.listShapeRef)))
        spec.teardown = plan.teardown(["first", "second"])
        return spec
    }

    /// The second page of one: with a filter it is the last page, and sorted it is the second
    /// object; without a filter only its size is known.
    private func skipCase(filter: [(String, YAMLNode)]) -> SpecCase {
        var query = filter
        var values: [(String, YAMLNode)] = [("$.count", .integer(1))]
        if case .none = plan.isolation {} else {
            values.append(("$.more", .bool(false)))
            if let sortField = plan.sortField {
                query.append(("sort[\(sortField.name)]", .string("asc")))
                values.append(("$.objects[0].id", .string("${second}")))
            }
        }
        return SpecCase(
            name: "skip moves past objects",
            request: SpecRequest(method: "GET", path: plan.collectionPath, query: query + [("limit", .integer(1)), ("skip", .integer(1))]),
            expect: SpecExpectation(shape: plan.listShapeRef, values: values))
    }
}

extension ModelPlan {
    /// `run: "${random_suffix()}"` when the model has a marker field, else nothing.
    var runVariable: [(String, YAMLNode)] {
        marker == nil ? [] : [("run", .string("${random_suffix()}"))]
    }

    /// Two marked objects, `first` (variant 0) and `second` (variant 1), for list-like checks.
    var pairCases: [SpecCase] {
        [createCase("creates the first \(name)", variable: "first", variant: 0, marked: true),
         createCase("creates the second \(name)", variable: "second", variant: 1, marked: true)]
    }
}
