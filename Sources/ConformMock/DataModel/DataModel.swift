/// A JourneyApps data model (the app's `schema.xml`, reference §21): the models the mock
/// serves, their fields, relationships and display formats.
///
/// Build one with ``DataModel/parse(xml:fileName:)`` or take the shipped one,
/// ``DataModel/shipped``. The raw XML is kept so a `datamodel.xml` endpoint can serve it
/// byte for byte.
public struct DataModel: Sendable {
    /// Models in document order.
    public let models: [Model]
    /// The XML exactly as it was read.
    public let xml: [UInt8]
    private let index: [String: Int]

    init(models: [Model], xml: [UInt8]) {
        self.models = models
        self.xml = xml
        var index: [String: Int] = [:]
        for (position, model) in models.enumerated() { index[model.name] = position }
        self.index = index
    }

    /// The model with this name, or `nil`.
    public func model(named name: String) -> Model? {
        index[name].map { models[$0] }
    }
}

/// One `<model>`: objects of this type live at `/objects/{name}.json`.
public struct Model: Sendable {
    public let name: String
    /// `nil` when the XML leaves `label` out (the official parser reports it but carries on).
    public let label: String?
    /// Fields in document order; objects list them in this order.
    public let fields: [Field]
    public let belongsTo: [BelongsTo]
    public let hasMany: [HasMany]
    public let display: DisplayFormat
    /// 1-based line of the `<model>` element.
    public let line: Int

    public func field(named name: String) -> Field? { fields.first { $0.name == name } }
    public func belongsTo(named name: String) -> BelongsTo? { belongsTo.first { $0.name == name } }
}

/// One `<field>`.
public struct Field: Sendable {
    public let name: String
    public let label: String?
    public let type: FieldType
    /// Options of choice and boolean fields in document order (booleans get the
    /// defaults No/Yes when the XML gives none); empty for other types.
    public let options: [ChoiceOption]
    public let line: Int

    /// The option with this key, compared by JSON type and value.
    public func option(forKey key: OptionKey) -> ChoiceOption? { options.first { $0.key == key } }
}

/// A choice option: the stored key and the label users see.
public struct ChoiceOption: Sendable, Hashable {
    public let key: OptionKey
    public let label: String
}

/// An option key typed by its field: strings for `single-choice`/`multiple-choice`,
/// integers for the `-integer` types, booleans for `boolean`.
public enum OptionKey: Sendable, Hashable {
    case string(String)
    case integer(Int64)
    case boolean(Bool)
}

/// `<belongs-to model name?>`: objects carry `<name>_id`.
public struct BelongsTo: Sendable {
    public let name: String
    public let model: String
    public let line: Int
    /// The key objects carry for this relationship.
    public var idKey: String { name + "_id" }
}

/// `<has-many model name inverse-of?>`: not part of object bodies (reference §16.1).
public struct HasMany: Sendable {
    public let name: String
    public let model: String
    /// The belongs-to on `model` this collection mirrors (given or inferred).
    public let inverseOf: String
    public let line: Int
}
