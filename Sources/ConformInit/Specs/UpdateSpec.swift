import ConformDataModel

/// `PATCH /objects/{model}/{id}.json`: only the given fields change, `null` clears one, an
/// invalid value is `INVALID_VALUE`, an unknown id `OBJECT_NOT_FOUND` (reference §9.1).
struct UpdateSpec {
    let plan: ModelPlan

    var document: SpecDocument {
        let model = plan.name
        var spec = SpecDocument(
            name: "Update a single \(model) object (partial)",
            endpoint: "PATCH /objects/{model}/{id}.json",
            description: "Only the given fields change; null clears a field or a relationship; omitted fields stay (reference §9.1, §16).",
            tags: ["objects", "update", model])
        spec.cases = plan.parentCases + [plan.createCase("creates \(plan.aName) to update", variable: "object")]
        let writable = plan.model.fields.filter { FieldSamples.sample($0, variant: 0) != nil }
        // A scalar is the clearest change to read; any field will do when there is none.
        let changed = writable.first { FieldSamples.sample($0, variant: 1)?.formSafe == true } ?? writable.first
        let cleared = writable.first { $0.name != changed?.name }
        var states: [String: ModelPlan.FieldState] = [:]
        var unlinked: Set<String> = []
        func expected() -> [(String, YAMLNode)] {
            [("$.id", .string("${object}"))] + plan.expectations(unlinked: unlinked) { field in
                states[field.name] ?? FieldSamples.sample(field, variant: 0).map { .sample($0) }
            }
        }
        if let changed, let sample = FieldSamples.sample(changed, variant: 1) {
            states[changed.name] = .sample(sample)
            spec.cases.append(patch("changes only the given field (\(changed.name))", [(changed.name, sample.written)], expected()))
        }
        if let cleared {
            states[cleared.name] = .cleared
            spec.cases.append(patch("clears a field set to null (\(cleared.name))", [(cleared.name, .null)], expected()))
        }
        if let parent = plan.parents.first {
            unlinked.insert(parent.relationship.name)
            spec.cases.append(patch("unlinks a relationship set to null (\(parent.relationship.name))", [(parent.variable, .null)], expected()))
        }
        if let (field, value) = FieldSamples.invalid(in: plan.model) {
            spec.cases.append(SpecCase(
                name: "rejects an invalid value for \(field.name)",
                request: SpecRequest(method: "PATCH", path: plan.objectPath("object"), json: plan.body([(field.name, value)])),
                expect: SpecExpectation(status: .integer(422), shape: ModelPlan.errorShapeRef, values: [("$.type", .string("INVALID_VALUE"))])))
        }
        let probe = changed.flatMap { field in FieldSamples.sample(field, variant: 1).map { [(field.name, $0.written)] } } ?? []
        spec.cases.append(notFound(plan, method: "PATCH", json: plan.body(probe)))
        spec.teardown = plan.teardown(["object"])
        return spec
    }

    private func patch(_ name: String, _ attributes: [(String, YAMLNode)], _ values: [(String, YAMLNode)]) -> SpecCase {
        SpecCase(name: name,
                 request: SpecRequest(method: "PATCH", path: plan.objectPath("object"), json: plan.body(attributes)),
                 expect: SpecExpectation(shape: plan.shapeRef, values: values))
    }
}
