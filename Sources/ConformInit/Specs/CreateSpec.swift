import ConformDataModel

/// `POST /objects/{model}.json`: a JSON body with every field, a body that leaves fields out,
/// a form-urlencoded body with Rails brackets, and a refused option (reference §7, §14, §16).
struct CreateSpec {
    let plan: ModelPlan

    var document: SpecDocument {
        let model = plan.name
        var spec = SpecDocument(
            name: "Create \(plan.aName) object",
            endpoint: "POST /objects/{model}.json",
            description: "The body is keyed by the model name, as JSON or form-urlencoded with brackets; the answer is the "
                + "created object, every field present and unset ones null (reference §7, §16).",
            tags: ["objects", "create", model])
        spec.cases = plan.parentCases
        var created = ["created"]
        var json = SpecCase(
            name: "creates from a JSON body with every field",
            request: SpecRequest(method: "POST", path: plan.collectionPath, json: plan.body(plan.attributes(variant: 0))),
            expect: SpecExpectation(shape: plan.writtenShape, values: plan.expectations(variant: 0)),
            capture: [("created", "$.id")])
        json.comment = plan.sampleNotes
        spec.cases.append(json)

        let kept = plan.model.fields.first { FieldSamples.sample($0, variant: 0)?.formSafe == true }
        let keptAttributes = kept.flatMap { field in FieldSamples.sample(field, variant: 0).map { [(field.name, $0.written)] } } ?? []
        spec.cases.append(SpecCase(
            name: kept.map { "fields left out read back as null (only \($0.name) given)" } ?? "fields left out read back as null",
            request: SpecRequest(method: "POST", path: plan.collectionPath, json: plan.body(keptAttributes)),
            expect: SpecExpectation(shape: plan.shapeRef, values: plan.expectations(unlinked: Set(plan.model.belongsTo.map(\.name))) { field in
                field.name == kept?.name ? FieldSamples.sample(field, variant: 0).map { .sample($0) } : .cleared
            }),
            capture: [("sparse", "$.id")]))
        created.append("sparse")

        let formAttributes = plan.attributes(variant: 1, formOnly: true)
        if !formAttributes.isEmpty {
            spec.cases.append(SpecCase(
                name: "creates from a form-urlencoded body with brackets",
                request: SpecRequest(method: "POST", path: plan.collectionPath, form: plan.body(formAttributes)),
                expect: SpecExpectation(shape: plan.shapeRef, values: plan.expectations(variant: 1, formOnly: true)),
                capture: [("form_created", "$.id")]))
            created.append("form_created")
        }
        if let (field, value) = FieldSamples.invalid(in: plan.model), field.type == .singleChoice || field.type == .singleChoiceInteger {
            spec.cases.append(SpecCase(
                name: "rejects an option \(field.name) does not have",
                request: SpecRequest(method: "POST", path: plan.collectionPath, json: plan.body([(field.name, value)])),
                expect: SpecExpectation(status: .integer(422), shape: ModelPlan.errorShapeRef, values: [("$.type", .string("INVALID_VALUE"))])))
        }
        spec.teardown = plan.teardown(created)
        return spec
    }
}
