import ConformShape
public import ConformDataModel

/// Objects a deployment starts with, read from a JSON file (`conform mock --seed FILE`):
///
/// ```json
/// { "category": [ { "id": "71fafc16-ba4f-11e3-8de0-001e6733fe3c", "name": "Home" } ],
///   "task": [ { "name": "Wash dishes", "status": 0, "category_id": "71fafc16-ba4f-11e3-8de0-001e6733fe3c" } ] }
/// ```
///
/// Keys are model names; each holds an array of objects written exactly as the body of a JSON
/// create (reference §7, §16.2), with an optional `id` (a lowercase UUID, unique per model).
/// Every record is checked against the data model when the file is read, and every problem
/// is reported with its JSON path. Records are created in file order, so with seeded IDs and
/// a fixed clock a seeded deployment answers byte for byte the same on every run.
public struct MockSeed: Sendable {
    struct Record: Sendable {
        let model: String
        let attributes: JSONObject
    }

    let records: [Record]

    /// Reads and checks seed JSON against `dataModel`.
    public static func parse(json bytes: [UInt8], file: String = "seed.json", dataModel: DataModel) throws(MockSeedError) -> MockSeed {
        let root: JSONValue
        do {
            root = try JSONValue.parse(bytes: bytes)
        } catch {
            throw MockSeedError(file: file, issues: [.init(path: "$", message: "not valid JSON: \(error.description)")])
        }
        var issues: [MockSeedError.Issue] = []
        var records: [Record] = []
        guard case .object(let models) = root else {
            throw MockSeedError(file: file, issues: [.init(path: "$", message: "expected an object keyed by model name, got \(root.typeDescription)")])
        }
        for (name, value) in models {
            let modelPath = JSONPath.root.appending(name)
            guard let model = dataModel.model(named: name) else {
                let known = dataModel.models.map(\.name).joined(separator: ", ")
                issues.append(.init(path: modelPath.description, message: "no model '\(name)' in the data model (models: \(known))"))
                continue
            }
            guard case .array(let elements) = value else {
                issues.append(.init(path: modelPath.description, message: "expected an array of objects, got \(value.typeDescription)"))
                continue
            }
            var ids: Set<String> = []
            for (index, element) in elements.enumerated() {
                let path = modelPath.appending(index)
                guard case .object(let attributes) = element else {
                    issues.append(.init(path: path.description, message: "expected an object of field values, got \(element.typeDescription)"))
                    continue
                }
                do {
                    let changes = try FieldChanges(attributes: attributes, model: model, encoding: .json)
                    if let id = changes.id, !ids.insert(id).inserted {
                        issues.append(.init(path: path.appending("id").description, message: "the id '\(id)' is used twice for \(name)"))
                        continue
                    }
                    records.append(Record(model: name, attributes: attributes))
                } catch {
                    // The detail names the field: `Invalid option 5 for field 'status'.`
                    issues.append(.init(path: path.description, message: error.detail))
                }
            }
        }
        guard issues.isEmpty else { throw MockSeedError(file: file, issues: issues) }
        return MockSeed(records: records)
    }

    /// Creates the records in order. Each was checked when the file was read, and the seed's
    /// IDs are unique per model and never taken by a seeded user, so none can fail here.
    func apply(to store: inout ObjectStore, dataModel: DataModel) {
        for record in records {
            guard let model = dataModel.model(named: record.model),
                let changes = try? FieldChanges(attributes: record.attributes, model: model, encoding: .json)
            else { continue }
            _ = try? store.create(model: model, changes: changes)
        }
    }

    /// How many objects the seed creates.
    public var count: Int { records.count }

    /// The IDs the seed gives for objects of `model`.
    func ids(of model: String) -> Set<String> {
        Set(records.filter { $0.model == model }.compactMap { $0.attributes["id"]?.stringValue })
    }
}

/// Why a seed file was refused: every problem, each at the JSON path of its record, such as
/// `$.task[2]`.
public struct MockSeedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One problem with one record (or with the file).
    public struct Issue: Sendable, Equatable {
        /// The JSON path of the record, e.g. `$.task[2]`.
        public let path: String
        /// What is wrong, in the API's words for field values.
        public let message: String

        /// An issue at a path.
        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }
    }

    /// The seed file's name as given.
    public let file: String
    /// Every problem found; never empty.
    public let issues: [Issue]

    /// An error for `file`.
    public init(file: String, issues: [Issue]) {
        self.file = file
        self.issues = issues
    }

    /// `file: error: $.task[2]: Invalid option 5 for field 'status'.`, one per line.
    public var description: String {
        issues.map { "\(file): error: \($0.path): \($0.message)" }.joined(separator: "\n")
    }
}
