/// The v4 field types of `type="…"` (reference §21.3). Text subtypes are input hints only:
/// the API stores every text field as plain text.
public enum FieldType: Sendable, Hashable {
    case text(subtype: TextSubtype?)
    case integer
    case number
    case boolean
    case date
    case datetime
    case singleChoice
    case singleChoiceInteger
    case multipleChoice
    case multipleChoiceInteger
    case location
    case photo
    case signature
    case attachment(media: String)
    case track

    /// Reads a `type` attribute such as `text:email` or `single-choice-integer`. An
    /// `attachment` gets `media: ""`; the XML reader fills in the `media` attribute.
    public init(xmlType attribute: String) throws(FieldTypeError) {
        // The official parser splits at the first ':'; only `text` uses the rest.
        let parts = attribute.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let base = String(parts[0])
        if base == "text" {
            guard parts.count == 2 else { self = .text(subtype: nil); return }
            let name = String(parts[1])
            // `phone-number-za` is in the client codec only; the official parser refuses it.
            guard let subtype = TextSubtype(rawValue: name), subtype != .phoneNumberZA else { throw .unknownSubtype(name) }
            self = .text(subtype: subtype)
            return
        }
        guard parts.count == 1 else { throw .unknownType(attribute) }
        switch base {
        case "integer": self = .integer
        case "number": self = .number
        case "boolean": self = .boolean
        case "date": self = .date
        case "datetime": self = .datetime
        case "single-choice": self = .singleChoice
        case "single-choice-integer": self = .singleChoiceInteger
        case "multiple-choice": self = .multipleChoice
        case "multiple-choice-integer": self = .multipleChoiceInteger
        case "location": self = .location
        case "photo": self = .photo
        case "signature": self = .signature
        // `attachment` needs its `media`; the XML reader fills it in after this.
        case "attachment": self = .attachment(media: "")
        case "track": self = .track
        default: throw .unknownType(attribute)
        }
    }

    /// The type word as `datamodel.json` spells it (subtypes are reported apart).
    public var name: String {
        switch self {
        case .text: "text"
        case .integer: "integer"
        case .number: "number"
        case .boolean: "boolean"
        case .date: "date"
        case .datetime: "datetime"
        case .singleChoice: "single-choice"
        case .singleChoiceInteger: "single-choice-integer"
        case .multipleChoice: "multiple-choice"
        case .multipleChoiceInteger: "multiple-choice-integer"
        case .location: "location"
        case .photo: "photo"
        case .signature: "signature"
        case .attachment: "attachment"
        case .track: "track"
        }
    }

    /// The `type` attribute as the XML writes it, e.g. `text:email`.
    public var xmlType: String {
        if case .text(let subtype?) = self { return "text:" + subtype.rawValue }
        return name
    }

    /// The text subtype, or `nil` for other types and plain text.
    public var subtype: TextSubtype? {
        if case .text(let subtype) = self { subtype } else { nil }
    }

    /// Types whose options come from `<option>` children (and appear as `options` in
    /// `datamodel.json`).
    public var takesOptions: Bool {
        switch self {
        case .boolean, .singleChoice, .singleChoiceInteger, .multipleChoice, .multipleChoiceInteger: true
        default: false
        }
    }

    /// Photo, signature and attachment: uploaded as `{base64, filename}`, read as `<f>_id` + `<f>`.
    public var isAttachment: Bool {
        switch self {
        case .photo, .signature, .attachment: true
        default: false
        }
    }
}

/// Why a `type` attribute was refused.
public enum FieldTypeError: Error, Sendable, Equatable {
    case unknownType(String)
    case unknownSubtype(String)
}

/// `text:<subtype>` values (reference §13.1, §21.3). `phone-number-za` appears only in the
/// v4 client codec, and the official parser refuses it: the XML reader refuses it too, the
/// `datamodel.json` reader accepts it (a deployment may report it).
public enum TextSubtype: String, Sendable, Hashable, CaseIterable {
    case email, address, name, url, paragraph, number
    case signedNumber = "signed-number"
    case decimalNumber = "decimal-number"
    case southAfricanID = "south-african-id"
    case phoneNumber = "phone-number"
    case password
    case phoneNumberZA = "phone-number-za"
}

/// `media` values allowed on `type="attachment"` (reference §21.3).
public enum AttachmentMedia {
    /// The values the official parser accepts for `media`.
    public static let allowed: Set<String> = [
        "any", "image/png", "image/jpeg", "image/svg+xml", "application/pdf",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel", "application/msword", "application/vnd.anritsu",
        "application/vnd.valvelink", "application/xml", "text/plain", "text/csv",
    ]
}
