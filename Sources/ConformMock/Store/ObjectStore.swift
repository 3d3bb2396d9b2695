/// The deployment's in-memory data: objects per model in insertion order, uploaded files,
/// the oplog, app-user records, and the clock and ID states. A plain value; ``MockDeployment``
/// keeps it behind a mutex, so every method here runs with the lock held, and a batch that
/// holds the lock throughout is atomic with respect to every other request.
struct ObjectStore: Sendable {
    fileprivate var tables: [String: Table] = [:]
    private(set) var attachments: [String: StoredAttachment] = [:]
    /// Every write in order (reference §12).
    var oplog: [OplogEntry] = []
    /// The sequence the next oplog entry gets.
    var nextSequence: Int64 = 1
    /// Users API records, by user object ID (reference §15).
    var users: [String: UserRecord] = [:]
    private var clock: MockClock.Reader
    private var ids: MockIDGenerator.State

    /// One model's objects; `order` is insertion order, which lists use (reference §4 leaves
    /// the default order open; insertion order is what `sort[$natural]=1` names).
    fileprivate struct Table: Sendable {
        var order: [String] = []
        var objects: [String: StoredObject] = [:]
    }

    /// The app-user model's name: deleting one of its objects drops its users-API record.
    let appUserModel: String?

    init(clock: MockClock, idGenerator: MockIDGenerator, appUserModel: String? = nil) {
        self.clock = MockClock.Reader(clock)
        self.ids = MockIDGenerator.State(idGenerator)
        self.appUserModel = appUserModel
    }

    // MARK: - Reading

    func object(model: String, id: String) -> StoredObject? {
        tables[model]?.objects[id]
    }

    func count(model: String) -> Int {
        tables[model]?.order.count ?? 0
    }

    /// Objects `skip ..< skip + limit` in insertion order.
    func page(model: String, skip: Int, limit: Int) -> [StoredObject] {
        guard let table = tables[model], skip < table.order.count, limit > 0 else { return [] }
        let end = table.order.count - skip > limit ? skip + limit : table.order.count
        return table.order[skip..<end].compactMap { table.objects[$0] }
    }

    func attachment(id: String) -> StoredAttachment? {
        attachments[id]
    }

    // MARK: - Writing

    mutating func now() -> Int64 { clock.now() }

    mutating func newID() -> String { ids.next() }

    /// Adds a new object at the end of its model's order.
    mutating func insert(_ object: StoredObject) {
        tables[object.type, default: Table()].order.append(object.id)
        tables[object.type, default: Table()].objects[object.id] = object
    }

    /// Replaces an existing object in place, keeping its position.
    mutating func replace(_ object: StoredObject) {
        tables[object.type]?.objects[object.id] = object
    }

    /// Removes an object; `false` when there was none.
    mutating func remove(model: String, id: String) -> Bool {
        guard tables[model]?.objects.removeValue(forKey: id) != nil else { return false }
        if let position = tables[model]?.order.firstIndex(of: id) { tables[model]?.order.remove(at: position) }
        return true
    }

    /// Stores an uploaded file under a new ID.
    mutating func addAttachment(filename: String, bytes: [UInt8]) -> String {
        let id = ids.next()
        attachments[id] = StoredAttachment(id: id, filename: filename, bytes: bytes)
        return id
    }
}

extension ObjectStore {
    /// Every object of a model in insertion order.
    func all(model: String) -> [StoredObject] {
        guard let table = tables[model] else { return [] }
        return table.order.compactMap { table.objects[$0] }
    }
}
