import ConformShape

/// A JourneyApps data model (the app's `schema.xml`, reference §21): its models, their fields,
/// relationships, display formats and indexes.
///
/// Read one from XML with ``DataModel/parse(xml:file:)``, from a deployment's `datamodel.json`
/// with ``DataModel/parse(datamodelJSON:file:)``, from either kind of file with
/// ``DataModel/load(path:)``, or take the shipped one, ``DataModel/shipped``. Write the
/// `datamodel.json` form with ``DataModel/datamodelJSON``.
public struct DataModel: Sendable {
    /// Models in document order.
    public let models: [Model]
    /// The XML exactly as it was read; `nil` for a model read from `datamodel.json`.
    public let xml: [UInt8]?
    /// `datamodel_hash`: the SHA-256 of the XML bytes in lowercase hex for a model read from
    /// XML; the deployment's own value for one read from `datamodel.json`.
    public let hash: String
    /// `app_user`: the name of the app-user model, or `nil`. `schema.xml` does not say which
    /// model that is (`application.xml` does); a model read from XML takes `user` when it has a
    /// model of that name, as the stock template does (reference §21.12, §21.13).
    public let appUser: String?
    /// By code point (`JSONName`): a request naming "\u{212A}" (Kelvin sign) must not reach model `K`.
    private let index: [JSONName: Int]

    /// A data model from its parts. `hash` defaults to the SHA-256 of `xml` (or of nothing).
    public init(models: [Model], appUser: String? = nil, hash: String? = nil, xml: [UInt8]? = nil) {
        self.models = models
        self.xml = xml
        self.hash = hash ?? SHA256.hexDigest(of: xml ?? [])
        self.appUser = appUser
        var index: [JSONName: Int] = [:]
        for (position, model) in models.enumerated() where index[JSONName(model.name)] == nil {
            index[JSONName(model.name)] = position
        }
        self.index = index
    }

    /// The model with this name, or `nil`.
    public func model(named name: String) -> Model? {
        index[JSONName(name)].map { models[$0] }
    }
}

/// One `<model>`: objects of this type live at `/objects/{name}.json`.
public struct Model: Sendable {
    /// The model name: the `{model}` of `/objects/{model}.json` and the `type` of its objects.
    public let name: String
    /// `nil` when the XML leaves `label` out (the official parser reports it but carries on).
    public let label: String?
    /// Fields in document order; objects list them in this order.
    public let fields: [Field]
    /// `<belongs-to>` relationships in document order; objects carry `<name>_id` for each.
    public let belongsTo: [BelongsTo]
    /// `<has-many>` relationships in document order (not part of object bodies).
    public let hasMany: [HasMany]
    /// The `<display>` format string objects render as `display`.
    public let display: DisplayFormat
    /// `<index>` elements in document order (not part of `datamodel.json`).
    public let indexes: [ModelIndex]
    /// 1-based line of the `<model>` element; 0 for a model read from JSON.
    public let line: Int

    /// A model from its parts (relationships are not checked here; the readers check them).
    public init(
        name: String, label: String?, fields: [Field], belongsTo: [BelongsTo] = [], hasMany: [HasMany] = [],
        display: DisplayFormat, indexes: [ModelIndex] = [], line: Int = 0
    ) {
        self.name = name
        self.label = label
        self.fields = fields
        self.belongsTo = belongsTo
        self.hasMany = hasMany
        self.display = display
        self.indexes = indexes
        self.line = line
    }

    /// The field with this name, or `nil`.
    public func field(named name: String) -> Field? { fields.first { $0.name.hasSameCodePoints(as: name) } }
    /// The belongs-to relationship with this name (not its `_id` key), or `nil`.
    public func belongsTo(named name: String) -> BelongsTo? { belongsTo.first { $0.name.hasSameCodePoints(as: name) } }
    /// The has-many relationship with this name, or `nil`.
    public func hasMany(named name: String) -> HasMany? { hasMany.first { $0.name.hasSameCodePoints(as: name) } }
}

/// One `<field>`.
public struct Field: Sendable {
    /// The key objects carry the value under (attachments also carry `<name>_id`).
    public let name: String
    /// `nil` when the data model gives none.
    public let label: String?
    /// The type, with its text subtype or attachment media.
    public let type: FieldType
    /// Options of choice and boolean fields in document order (booleans get the
    /// defaults No/Yes when the XML gives none); empty for other types.
    public let options: [ChoiceOption]
    /// 1-based line of the `<field>` element; 0 for a field read from JSON.
    public let line: Int

    /// A field from its parts; `options` only matter for choice and boolean types.
    public init(name: String, label: String?, type: FieldType, options: [ChoiceOption] = [], line: Int = 0) {
        self.name = name
        self.label = label
        self.type = type
        self.options = options
        self.line = line
    }

    /// The option with this key, compared by JSON type and value.
    public func option(forKey key: OptionKey) -> ChoiceOption? { options.first { $0.key == key } }
}

/// A choice option: the stored key and the label users see.
public struct ChoiceOption: Sendable, Hashable {
    /// What objects store and the API writes as `key`.
    public let key: OptionKey
    /// What users see; the API's `display`.
    public let label: String

    /// An option from its key and label.
    public init(key: OptionKey, label: String) {
        self.key = key
        self.label = label
    }

    /// The defaults of a boolean field without `<option>`s: `false` "No", then `true` "Yes".
    public static let booleanDefaults = [ChoiceOption(key: .boolean(false), label: "No"), ChoiceOption(key: .boolean(true), label: "Yes")]
}

/// An option key typed by its field: strings for `single-choice`/`multiple-choice`,
/// integers for the `-integer` types, booleans for `boolean`.
public enum OptionKey: Sendable, Hashable {
    case string(String)
    case integer(Int64)
    case boolean(Bool)
}

/// `<belongs-to model name?>`: objects carry `<name>_id`.
public struct BelongsTo: Sendable, Hashable {
    /// The relationship name (`name`, defaulting to `model` in the XML).
    public let name: String
    /// The related model.
    public let model: String
    /// 1-based line in the XML; 0 when read from JSON.
    public let line: Int

    /// A belongs-to from its parts.
    public init(name: String, model: String, line: Int = 0) {
        self.name = name
        self.model = model
        self.line = line
    }

    /// The key objects carry for this relationship.
    public var idKey: String { name + "_id" }
}

/// `<has-many model name inverse-of?>`: not part of object bodies (reference §16.1).
public struct HasMany: Sendable, Hashable {
    /// The collection name, e.g. `assets`.
    public let name: String
    /// The model on the "many" side.
    public let model: String
    /// The belongs-to on `model` this collection mirrors (given or inferred).
    public let inverseOf: String
    /// 1-based line in the XML; 0 when read from JSON.
    public let line: Int

    /// A has-many from its parts.
    public init(name: String, model: String, inverseOf: String, line: Int = 0) {
        self.name = name
        self.model = model
        self.inverseOf = inverseOf
        self.line = line
    }
}

/// `<index on name? database?>` (reference §21.8).
public struct ModelIndex: Sendable, Hashable {
    /// One key of `on`: a field or belongs-to name; a leading `-` in the XML makes it descending.
    public struct Key: Sendable, Hashable {
        /// A field or belongs-to name (without the `-`).
        public let name: String
        /// Whether the XML wrote it with a leading `-`.
        public let descending: Bool

        /// A key from its parts.
        public init(name: String, descending: Bool = false) {
            self.name = name
            self.descending = descending
        }
    }

    /// The given name, or the key names joined with `_` (`on="make,model"` → `make_model`).
    public let name: String
    /// The keys of `on`, in order.
    public let keys: [Key]
    /// `app` and/or `cloud`; both unless `database` says otherwise.
    public let databases: [String]
    /// 1-based line in the XML; 0 when built otherwise.
    public let line: Int

    /// An index from its parts.
    public init(name: String, keys: [Key], databases: [String] = ["app", "cloud"], line: Int = 0) {
        self.name = name
        self.keys = keys
        self.databases = databases
        self.line = line
    }
}
