import ConformShape
import ConformDataModel

/// A field value as the store keeps it: validated and normalised on write, rendered on read.
enum StoredValue: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    /// An `.integer` or `.double` JSON number, kept as written (`3` stays `3`, `3.5` stays `3.5`).
    case number(JSONValue)
    case boolean(Bool)
    /// `YYYY-MM-DD`.
    case date(String)
    /// Seconds since the epoch, whole seconds, UTC.
    case datetime(Int64)
    /// The key of a single-choice or single-choice-integer field.
    case choice(OptionKey)
    /// The keys of a multiple-choice field, in the model's option order, without repeats.
    case choices([OptionKey])
    case location(Location)
    /// The ID of an attachment (photo, signature, generic file).
    case attachment(id: String)
    /// A track, kept verbatim (its representation is undocumented).
    case track(JSONValue)
}

/// A `location` value (reference §16.2); numbers are kept as written.
struct Location: Sendable, Hashable {
    var latitude: JSONValue
    var longitude: JSONValue
    var altitude: JSONValue = .null
    var horizontalAccuracy: JSONValue = .null
    var verticalAccuracy: JSONValue = .null
    /// Seconds since the epoch, or `nil`.
    var timestamp: Int64?

    /// The six keys in the order the official client codec lists them.
    static let keys = ["latitude", "longitude", "altitude", "horizontal_accuracy", "vertical_accuracy", "timestamp"]

    var json: JSONValue {
        [
            "latitude": latitude, "longitude": longitude, "altitude": altitude,
            "horizontal_accuracy": horizontalAccuracy, "vertical_accuracy": verticalAccuracy,
            "timestamp": timestamp.map { .string(Timestamp.format($0)) } ?? .null,
        ]
    }
}

/// An uploaded file.
struct StoredAttachment: Sendable {
    let id: String
    let filename: String
    let bytes: [UInt8]
}

/// One object of one model.
struct StoredObject: Sendable {
    let id: String
    let type: String
    var updatedAt: Int64
    /// Field name → value; a missing key is `null`.
    var values: [String: StoredValue] = [:]
    /// Belongs-to name → related object ID; a missing key is `null`.
    var relationships: [String: String] = [:]
}
