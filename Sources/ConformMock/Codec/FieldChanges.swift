import ConformShape
import ConformDataModel

/// A write body turned into checked changes for one model: what to set, what to clear.
/// Keys absent here are left alone by PATCH and cleared by PUT.
struct FieldChanges: Sendable {
    /// Field name → new value; `nil` clears the field.
    var values: [String: StoredValue?] = [:]
    /// Belongs-to name → related object ID; `nil` clears the relationship.
    var relationships: [String: String?] = [:]
    /// Files to store, in body order (so seeded IDs are reproducible); the store assigns
    /// each attachment its ID.
    var uploads: [(field: String, upload: Upload)] = []
    /// An `id` given in the body (checked to be a lowercase UUID).
    var id: String?

    /// An attachment upload, `{"base64": …, "filename": …}`.
    struct Upload: Sendable {
        let filename: String
        let bytes: [UInt8]
    }
}

/// How a write body was encoded; form values arrive as strings and are converted by field type.
enum BodyEncoding: Sendable {
    case json
    case form
}

extension FieldChanges {
    /// Keys of the object envelope that a body may carry (e.g. an object read and written
    /// back): `type`, `updated_at` and `display` are read-only and ignored; `id` is checked.
    static let ignoredEnvelopeKeys: Set<String> = ["type", "updated_at", "display"]

    /// Checks every attribute of a write body against `model`.
    ///
    /// Unknown keys are refused with `INVALID_VALUE` naming the key, so a typo never passes
    /// silently. An attachment may be given as `<f>` (upload or `null`) or as `<f>_id`
    /// (reference to an attachment ID), not both.
    init(attributes: JSONObject, model: Model, encoding: BodyEncoding) throws(APIError) {
        let codec = FieldCodec(model: model, encoding: encoding)
        for (key, value) in attributes {
            if Self.ignoredEnvelopeKeys.contains(key) { continue }
            if key == "id" {
                guard case .string(let text) = value, UUIDText.isLowercaseUUID(text) else {
                    throw .invalidValue("Invalid id \(value.excerpt(200)): IDs must be lowercase UUIDs.")
                }
                id = text
                continue
            }
            if let field = model.field(named: key) {
                if field.type.isAttachment {
                    guard !attributes.contains(key + "_id") else {
                        throw .invalidValue("Give either '\(key)' or '\(key)_id' for field '\(key)', not both.")
                    }
                    switch try codec.upload(value, field: field) {
                    case .some(let upload): uploads.append((key, upload))
                    case .none: values[key] = .some(nil)
                    }
                } else {
                    values[key] = try codec.decode(value, field: field)
                }
                continue
            }
            if key.hasSuffix("_id") {
                let base = String(key.dropLast(3))
                if let relationship = model.belongsTo(named: base) {
                    relationships[relationship.name] = try codec.reference(value, key: key)
                    continue
                }
                if let field = model.field(named: base), field.type.isAttachment {
                    values[field.name] = try codec.reference(value, key: key).map { .attachment(id: $0) }
                    continue
                }
            }
            throw .invalidValue("Unknown field '\(key)' for model '\(model.name)'.")
        }
    }
}
