import ConformDataModel

/// `POST /batch.json` with operations on one model: post, patch, put and delete applied in
/// order, a failing operation reported on its own, and `stop_on_error` (reference §11).
struct BatchSpec {
    let plan: ModelPlan

    var document: SpecDocument {
        let model = plan.name
        var spec = SpecDocument(
            name: "Batch operations on \(model)",
            endpoint: "POST /batch.json",
            description: "Operations apply in order, each answering {method, object: {type, id}, success} and an error "
                + "envelope when it fails; with stop_on_error the later ones are not applied (reference §11).",
            tags: ["batch", model])
        spec.variables = [("batch_uuid", .string("${uuid()}")), ("other_uuid", .string("${uuid()}")), ("skipped_uuid", .string("${uuid()}"))]
        spec.cases = plan.parentCases
        let changed = plan.model.fields.first { FieldSamples.sample($0, variant: 1)?.formSafe == true }
        let changedSample = changed.flatMap { FieldSamples.sample($0, variant: 1) }
        var operations: [(method: String, id: String, attributes: [(String, YAMLNode)])] = [
            ("post", "batch_uuid", plan.attributes(variant: 0))
        ]
        if let changed, let changedSample { operations.append(("patch", "batch_uuid", [(changed.name, changedSample.written)])) }
        operations.append(("post", "other_uuid", plan.attributes(variant: 1)))
        operations.append(("put", "other_uuid", plan.attributes(variant: 0)))
        operations.append(("delete", "other_uuid", []))
        var values: [(String, YAMLNode)] = []
        for (index, operation) in operations.enumerated() {
            values += [
                ("$.operations[\(index)].method", .string(operation.method)),
                ("$.operations[\(index)].success", .bool(true)),
                ("$.operations[\(index)].object.type", .string(model)),
                ("$.operations[\(index)].object.id", .string("${\(operation.id)}")),
            ]
        }
        spec.cases.append(SpecCase(
            name: "applies post, patch, put and delete in order",
            request: SpecRequest(method: "POST", path: "/batch.json", json: .map([("operations", .sequence(operations.map { item in
                YAMLItem(self.operation(item.method, id: item.id, item.attributes))
            }, style: .block))])),
            expect: SpecExpectation(shape: batchShape, values: values)))
        let read = [("$.id", YAMLNode.string("${batch_uuid}"))] + plan.expectations { field in
            field.name == changed?.name ? changedSample.map { .sample($0) } : FieldSamples.sample(field, variant: 0).map { .sample($0) }
        }
        spec.cases.append(SpecCase(
            name: "reads back the object the batch created and patched",
            request: SpecRequest(method: "GET", path: plan.objectPath("batch_uuid")),
            expect: SpecExpectation(shape: plan.writtenShape, values: read)))
        spec.cases.append(SpecCase(
            name: "the object the batch deleted is gone",
            request: SpecRequest(method: "GET", path: plan.objectPath("other_uuid")),
            expect: objectNotFound))
        spec.cases.append(SpecCase(
            name: "reports a failing operation in its result, not as the request's status",
            request: SpecRequest(method: "POST", path: "/batch.json", json: .map([("operations", .list([
                operation("delete", literalID: unknownObjectID, []),
            ]))])),
            expect: SpecExpectation(shape: batchShape, values: [
                ("$.operations[0].success", .bool(false)), ("$.operations[0].error.type", .string("OBJECT_NOT_FOUND")),
            ])))
        spec.cases.append(SpecCase(
            name: "stop_on_error leaves the operations after a failure unapplied",
            request: SpecRequest(method: "POST", path: "/batch.json", json: .map([
                ("stop_on_error", .bool(true)),
                ("operations", .sequence([
                    YAMLItem(operation("delete", literalID: unknownObjectID, [])),
                    YAMLItem(operation("post", id: "skipped_uuid", plan.attributes(variant: 1))),
                ], style: .block)),
            ])),
            // How a skipped operation is reported is not documented; that it is not applied is.
            expect: SpecExpectation(shape: batchShape, values: [("$.operations[0].success", .bool(false))])))
        spec.cases.append(SpecCase(
            name: "the operation after the failure was not applied",
            request: SpecRequest(method: "GET", path: plan.objectPath("skipped_uuid")),
            expect: objectNotFound))
        spec.teardown = plan.teardown(["batch_uuid", "other_uuid", "skipped_uuid"], mayBeGone: ["batch_uuid", "other_uuid", "skipped_uuid"])
        return spec
    }

    private var batchShape: YAMLNode { SpecExpectation.ref("../shapes/batch-result.yaml") }

    /// `{method, object: {type, id, …attributes}}`; `id` names a variable.
    private func operation(_ method: String, id: String, _ attributes: [(String, YAMLNode)]) -> YAMLNode {
        operation(method, literalID: "${\(id)}", attributes)
    }

    private func operation(_ method: String, literalID: String, _ attributes: [(String, YAMLNode)]) -> YAMLNode {
        .map([("method", .string(method)), ("object", .map([("type", .string(plan.name)), ("id", .string(literalID))] + attributes))])
    }
}
