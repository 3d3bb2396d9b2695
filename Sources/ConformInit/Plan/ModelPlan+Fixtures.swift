import ConformDataModel

/// The objects a spec creates before its checks, and the teardown that removes them.
///
/// Relationships go one level deep: each belongs-to gets a parent object of the related model,
/// created with its text fields only and no links of its own. So there is never a chain to
/// follow, a cycle in the data model (`a` → `b` → `a`) cannot make creation loop, and a
/// self-reference (`task` → `parent` task) is just one more object of the same model.
/// Teardown deletes in reverse: the model's objects first, then the parents they link to.
extension ModelPlan {
    /// One case per parent: create it, capture `<relationship>_id`.
    var parentCases: [SpecCase] {
        parents.enumerated().map { index, parent in
            // Two parents of one model (inspector, reviewer) get different sample values.
            let variant = parents[..<index].filter { $0.model.name == parent.model.name }.count
            return SpecCase(
                name: "creates \(Self.article(parent.model.name)) \(parent.model.name) to link as \(parent.relationship.name)",
                request: SpecRequest(method: "POST", path: "/objects/\(parent.model.name).json",
                                     json: .map([(parent.model.name, .map(parentAttributes(parent.model, variant: variant)))])),
                expect: SpecExpectation(),
                capture: [(parent.variable, "$.id")])
        }
    }

    /// A parent's text fields (enough for its display), nothing else: no uploads, no links.
    private func parentAttributes(_ parentModel: Model, variant: Int) -> [(String, YAMLNode)] {
        parentModel.fields.compactMap { field in
            guard case .text = field.type, let sample = FieldSamples.sample(field, variant: variant) else { return nil }
            return (field.name, sample.written)
        }
    }

    /// `POST` a full object (variant `variant`), capture its ID as `variable`, and expect the
    /// model's shape.
    func createCase(_ name: String, variable: String, variant: Int = 0, marked: Bool = false) -> SpecCase {
        SpecCase(
            name: name,
            request: SpecRequest(method: "POST", path: collectionPath, json: body(attributes(variant: variant, marked: marked))),
            expect: SpecExpectation(shape: shapeRef),
            capture: [(variable, "$.id")])
    }

    /// Deletes `objects` (variables holding IDs of this model), then the parents in reverse.
    /// `mayBeGone` objects were deleted by a case already, so 404 is fine for them.
    func teardown(_ objects: [String], mayBeGone: Set<String> = []) -> [SpecStep] {
        var steps = objects.map { variable in
            SpecStep(request: SpecRequest(method: "DELETE", path: objectPath(variable)),
                     expect: SpecExpectation(status: mayBeGone.contains(variable) ? .list([.integer(200), .integer(404)]) : .integer(200)))
        }
        for parent in parents.reversed() {
            steps.append(SpecStep(request: SpecRequest(method: "DELETE", path: "/objects/\(parent.model.name)/${\(parent.variable)}.json"),
                                  expect: SpecExpectation()))
        }
        return steps
    }
}
