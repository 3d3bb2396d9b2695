import ConformDataModel

/// `shapes/field-types.yaml`: how each field type reads back (reference §16.2), one `$defs`
/// entry per representation, and which entry a field of each type uses.
enum FieldTypeShapes {
    /// The `$defs` entry for a field type.
    static func definition(for type: FieldType) -> String {
        switch type {
        case .text: "text"
        case .integer: "integer"
        case .number: "number"
        case .boolean: "boolean"
        case .date: "date"
        case .datetime: "datetime"
        case .singleChoice: "single_choice"
        case .singleChoiceInteger: "single_choice_integer"
        case .multipleChoice: "multiple_choice"
        case .multipleChoiceInteger: "multiple_choice_integer"
        case .location: "location"
        case .photo: "photo"
        case .signature: "signature"
        case .attachment: "attachment"
        case .track: "track"
        }
    }

    static let text = """
        # How each field type reads back (reference §16.2). Every field may be null: an absent
        # value is `null`.
        $defs:
          text:
            type: [string, "null"]
          integer:
            type: [integer, "null"]
          number:
            type: [number, "null"]
          date:
            description: YYYY-MM-DD
            type: [string, "null"]
            format: date
          datetime:
            description: YYYY-MM-DDTHH:MM:SSZ in UTC
            type: [string, "null"]
            format: date-time
            pattern: "^\\\\d{4}-\\\\d{2}-\\\\d{2}T\\\\d{2}:\\\\d{2}:\\\\d{2}Z$"
          single_choice:
            description: '{"key": "soccer", "display": "Soccer"}'
            type: [object, "null"]
            required: [key, display]
            properties:
              key: { type: string }
              display: { type: string }
          single_choice_integer:
            description: '{"key": 3, "display": "Soccer"}'
            type: [object, "null"]
            required: [key, display]
            properties:
              key: { type: integer }
              display: { type: string }
          boolean:
            description: '{"key": true, "display": "Yes"}'
            type: [object, "null"]
            required: [key, display]
            properties:
              key: { type: boolean }
              display: { type: string }
          multiple_choice:
            description: '[{"key": "soccer", "display": "Soccer"}, ...]'
            type: [array, "null"]
            items:
              type: object
              required: [key, display]
              properties:
                key: { type: string }
                display: { type: string }
          multiple_choice_integer:
            description: '[{"key": 3, "display": "Soccer"}, ...]'
            type: [array, "null"]
            items:
              type: object
              required: [key, display]
              properties:
                key: { type: integer }
                display: { type: string }
          location:
            description: the object form of the official client codec
            type: [object, "null"]
            required: [latitude, longitude]
            properties:
              latitude: { type: number }
              longitude: { type: number }
              altitude: { type: [number, "null"] }
              horizontal_accuracy: { type: [number, "null"] }
              vertical_accuracy: { type: [number, "null"] }
              timestamp: { type: [string, "null"], format: date-time }
          photo:
            description: '{"state": "uploaded", "original": url, "fullscreen": url, "thumbnail": url}; URLs once uploaded'
            type: [object, "null"]
            required: [state]
            properties:
              state: { enum: [uploaded, pending, missing, untrusted] }
              original: { type: string }
              fullscreen: { type: string }
              thumbnail: { type: string }
          signature:
            description: like a photo, plus an `svg` URL; state uploaded or pending
            type: [object, "null"]
            required: [state]
            properties:
              state: { enum: [uploaded, pending] }
              original: { type: string }
              fullscreen: { type: string }
              thumbnail: { type: string }
              svg: { type: string }
          attachment:
            description: '{"state": "uploaded", "original": url}; URL keys only when uploaded'
            type: [object, "null"]
            required: [state]
            properties:
              state: { enum: [uploaded, pending, missing, untrusted] }
              original: { type: string }
          track:
            description: a GPS track; its representation is not documented (reference §16.2), so any value
          reference_id:
            description: the related object's UUID (belongs-to `<name>_id`, attachment `<field>_id`)
            type: [string, "null"]
            format: uuid

        """
}
