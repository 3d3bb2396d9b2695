/// An ID no deployment holds (the reference's own example, §8, with its last digit changed).
let unknownObjectID = "c3d59ff0-ba4a-11e3-a567-001e6733fe3d"

/// `GET /objects/{model}/{id}.json`: the bare object with every field's representation, and
/// `OBJECT_NOT_FOUND` for an unknown ID (reference §8).
struct ReadSpec {
    let plan: ModelPlan

    var document: SpecDocument {
        let model = plan.name
        var spec = SpecDocument(
            name: "Retrieve a single \(model) object",
            endpoint: "GET /objects/{model}/{id}.json",
            description: "The bare object, no wrapper, each field in its documented representation; an unknown id is "
                + "OBJECT_NOT_FOUND (reference §8, §16).",
            tags: ["objects", "read", model])
        spec.cases = plan.parentCases + [plan.createCase("creates \(plan.aName) to read back", variable: "object")]
        spec.cases.append(SpecCase(
            name: "reads it back",
            request: SpecRequest(method: "GET", path: plan.objectPath("object")),
            expect: SpecExpectation(shape: plan.writtenShape, values: [("$.id", .string("${object}"))] + plan.expectations(variant: 0))))
        spec.cases.append(notFound(plan, method: "GET"))
        spec.teardown = plan.teardown(["object"])
        return spec
    }
}

/// `DELETE /objects/{model}/{id}.json`: 200 with an empty body, then the object is gone
/// (reference §10).
struct DeleteSpec {
    let plan: ModelPlan

    var document: SpecDocument {
        let model = plan.name
        var spec = SpecDocument(
            name: "Delete a single \(model) object",
            endpoint: "DELETE /objects/{model}/{id}.json",
            description: "Success is status 200 with an empty body; afterwards reading or deleting it again is "
                + "OBJECT_NOT_FOUND (reference §10).",
            tags: ["objects", "delete", model])
        spec.cases = plan.parentCases + [plan.createCase("creates \(plan.aName) to delete", variable: "object")]
        spec.cases.append(SpecCase(
            name: "deletes it with an empty body",
            request: SpecRequest(method: "DELETE", path: plan.objectPath("object")),
            expect: SpecExpectation(emptyBody: true)))
        spec.cases.append(SpecCase(
            name: "it is gone",
            request: SpecRequest(method: "GET", path: plan.objectPath("object")),
            expect: objectNotFound))
        spec.cases.append(SpecCase(
            name: "deleting it again is OBJECT_NOT_FOUND",
            request: SpecRequest(method: "DELETE", path: plan.objectPath("object")),
            expect: objectNotFound))
        spec.teardown = plan.teardown(["object"], mayBeGone: ["object"])
        return spec
    }
}

/// 404 with the error envelope, type `OBJECT_NOT_FOUND`.
let objectNotFound = SpecExpectation(status: .integer(404), shape: ModelPlan.errorShapeRef,
                                     values: [("$.type", .string("OBJECT_NOT_FOUND"))])

/// `method` on an ID no deployment holds is `OBJECT_NOT_FOUND`; `json` is sent as the body.
func notFound(_ plan: ModelPlan, method: String, json: YAMLNode? = nil) -> SpecCase {
    SpecCase(name: "answers OBJECT_NOT_FOUND for an unknown id",
             request: SpecRequest(method: method, path: "/objects/\(plan.name)/\(unknownObjectID).json", json: json),
             expect: objectNotFound)
}
