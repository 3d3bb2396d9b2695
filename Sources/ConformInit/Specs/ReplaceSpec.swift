import ConformDataModel

/// `PUT /objects/{model}/{id}.json`: replaces the whole object, clearing every field the body
/// leaves out; an unknown id creates the object with that id (reference §9.2).
struct ReplaceSpec {
    let plan: ModelPlan

    var document: SpecDocument {
        let model = plan.name
        var spec = SpecDocument(
            name: "Replace a single \(model) object",
            endpoint: "PUT /objects/{model}/{id}.json",
            description: "PUT replaces the whole object: omitted fields and relationships are cleared. An unknown id creates "
                + "the object with that id (reference §9.2).",
            tags: ["objects", "replace", model])
        spec.variables = [("fresh_uuid", .string("${uuid()}"))]
        spec.cases = plan.parentCases + [plan.createCase("creates \(plan.aName) to replace", variable: "object")]
        let kept = plan.model.fields.first { FieldSamples.sample($0, variant: 1)?.formSafe == true }
        let keptSample = kept.flatMap { FieldSamples.sample($0, variant: 1) }
        let attributes = kept.flatMap { field in keptSample.map { [(field.name, $0.written)] } } ?? []
        let replaced = [("$.id", YAMLNode.string("${object}"))]
            + plan.expectations(unlinked: Set(plan.model.belongsTo.map(\.name))) { field in
                field.name == kept?.name ? keptSample.map { .sample($0) } : .cleared
            }
        spec.cases.append(SpecCase(
            name: "clears every field the body leaves out",
            request: SpecRequest(method: "PUT", path: plan.objectPath("object"), json: plan.body(attributes)),
            expect: SpecExpectation(shape: plan.shapeRef, values: replaced)))
        let created = [("$.id", YAMLNode.string("${fresh_uuid}"))] + plan.expectations(variant: 0)
        spec.cases.append(SpecCase(
            name: "creates the object with the given id when it does not exist",
            request: SpecRequest(method: "PUT", path: plan.objectPath("fresh_uuid"), json: plan.body(plan.attributes(variant: 0))),
            expect: SpecExpectation(shape: plan.writtenShape, values: created),
            capture: [("put_created", "$.id")]))
        spec.cases.append(SpecCase(
            name: "reads the created object back",
            request: SpecRequest(method: "GET", path: plan.objectPath("fresh_uuid")),
            expect: SpecExpectation(shape: plan.shapeRef, values: created)))
        spec.teardown = plan.teardown(["object", "put_created"])
        return spec
    }
}
