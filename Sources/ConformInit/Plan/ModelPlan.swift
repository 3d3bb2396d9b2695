import ConformDataModel

/// What every spec of one model shares: where its files go, which objects it must create
/// first so its relationships point at something, and how it finds its own objects among
/// whatever else the deployment holds.
struct ModelPlan: Sendable {
    let model: Model
    /// The model's folder in the suite: its name, except that a model called `shapes` gets
    /// `model-shapes` (spec discovery skips folders named `shapes`; model names cannot hold `-`).
    let folder: String
    /// One object per belongs-to, created before the model's own objects and deleted after.
    let parents: [Parent]
    /// The text field whose value carries `${run}`, if the model has one that can.
    let marker: Field?
    /// How list, query, sort and count checks narrow a list down to this run's objects.
    let isolation: Isolation
    /// The field sort checks order by: the marker, else the first field whose two sample
    /// values have a known order.
    let sortField: Field?

    /// An object of a related model, linked through `relationship`.
    struct Parent: Sendable {
        let relationship: BelongsTo
        let model: Model
        /// The variable holding its ID: `<relationship>_id`, the key objects carry for it.
        var variable: String { relationship.idKey }
    }

    /// A filter matching exactly the objects one run of a spec file created.
    enum Isolation: Sendable {
        /// `query[<field>.contains]=${run}`: the marker text.
        case marker(Field)
        /// `query[<name>_id]=${<name>_id}`: every object of the file links the same parent.
        case relationship(BelongsTo)
        /// Nothing identifies them; checks hold whatever else exists.
        case none

        /// The query parameters, `[]` for `.none`.
        var query: [(String, YAMLNode)] {
            switch self {
            case .marker(let field): [("query[\(field.name).contains]", .string("${run}"))]
            case .relationship(let relationship): [("query[\(relationship.idKey)]", .string("${\(relationship.idKey)}"))]
            case .none: []
            }
        }

        /// How a description explains the filter.
        var explanation: String {
            switch self {
            case .marker(let field):
                "The objects this file creates carry the run's random `${run}` in `\(field.name)`, so the checks look at them alone, whatever else the deployment holds."
            case .relationship(let relationship):
                "The objects this file creates all link to one `\(relationship.name)` it creates first, so the checks look at them alone, whatever else the deployment holds."
            case .none:
                "The model has no text field or relationship to tell this file's objects apart, so these checks hold whatever else the deployment holds."
            }
        }
    }

    init(model: Model, in dataModel: DataModel) {
        self.model = model
        folder = model.name == "shapes" ? "model-shapes" : model.name
        parents = model.belongsTo.compactMap { relationship in
            dataModel.model(named: relationship.model).map { Parent(relationship: relationship, model: $0) }
        }
        marker = model.fields.first { field in
            if case .text(let subtype) = field.type { TextSamples.canCarryMarker(subtype) } else { false }
        }
        if let marker {
            isolation = .marker(marker)
        } else if let first = parents.first {
            isolation = .relationship(first.relationship)
        } else {
            isolation = .none
        }
        sortField = marker ?? model.fields.first { field in
            switch field.type {
            case .text, .integer, .number, .date, .datetime: true
            default: false
            }
        }
    }

    // MARK: - Names

    /// The model name, as specs name it in prose.
    var name: String { model.name }

    /// `a task`, `an asset`: the model name with its article, for case names.
    var aName: String { Self.article(model.name) + " " + model.name }

    /// `an` before a vowel sound: `an asset`, `an update`, but `a user`, `a unit` (a `u`
    /// followed by a consonant and a vowel sounds like "you").
    static func article(_ word: String) -> String {
        let letters = Array(word.lowercased())
        guard let first = letters.first else { return "a" }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        if first == "u", letters.count >= 3, !vowels.contains(letters[1]), vowels.contains(letters[2]) { return "a" }
        return vowels.contains(first) ? "an" : "a"
    }

    /// Path of an object: `/objects/<model>/${variable}.json`.
    func objectPath(_ variable: String) -> String { "/objects/\(model.name)/${\(variable)}.json" }

    /// Path of the collection: `/objects/<model>.json`.
    var collectionPath: String { "/objects/\(model.name).json" }

    /// Shape references from a spec file (one folder down from the suite).
    var shapeRef: YAMLNode { SpecExpectation.ref("../shapes/\(model.name).yaml") }
    var listShapeRef: YAMLNode { SpecExpectation.ref("../shapes/\(model.name)-list.yaml") }
    static let errorShapeRef = SpecExpectation.ref("../shapes/error-envelope.yaml")
}
