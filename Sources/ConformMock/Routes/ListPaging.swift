import ConformDataModel

/// `limit` and `skip` of a list request (reference §5): non-negative integers; empty values
/// (`limit=&skip=`, as the official client sends) mean "not given". The page size defaults
/// to 1000 and a larger `limit` is capped at 1000 (reference §2, §5 [I]).
struct ListPaging: Sendable, Equatable {
    static let maximumLimit = 1000

    var limit = ListPaging.maximumLimit
    var skip = 0

    init(limit: Int = ListPaging.maximumLimit, skip: Int = 0) {
        self.limit = limit
        self.skip = skip
    }

    init(pairs: [(key: String, value: String)]) throws(APIError) {
        for (key, value) in pairs where !value.isEmpty {
            switch key {
            case "limit": limit = min(try Self.count(value, name: key), Self.maximumLimit)
            case "skip": skip = try Self.count(value, name: key)
            default: continue
            }
        }
    }

    private static func count(_ text: String, name: String) throws(APIError) -> Int {
        guard !text.isEmpty, text.unicodeScalars.allSatisfy(\.isASCIIDigit), let value = Int(text) else {
            throw .invalidRequest("Invalid \(name) '\(text)': expected a non-negative integer.")
        }
        return value
    }
}
