import ConformDataModel

/// Tiny files to upload as `{base64, filename}` (reference §16.2): each a valid file of the
/// field's media type where a tiny one exists, named with only lowercase letters, digits,
/// `_`, `-`, `.` and spaces, as the API requires.
enum FileSamples {
    /// One file: its name and its bytes in base64 (no newlines).
    struct File: Sendable, Equatable {
        let filename: String
        let base64: String
        /// Set when the bytes are a stand-in rather than a real file of the media type.
        let note: String?
    }

    /// The file uploaded to `field`, named after it.
    static func file(for field: Field) -> File? {
        let stem = safeStem(field.name)
        switch field.type {
        // Photos are JPEG (reference §21.3).
        case .photo: return File(filename: stem + ".jpg", base64: jpeg, note: nil)
        case .signature: return File(filename: stem + ".svg", base64: svg, note: nil)
        case .attachment(let media): return attachment(media: media, stem: stem)
        default: return nil
        }
    }

    private static func attachment(media: String, stem: String) -> File {
        switch media {
        case "image/jpeg": File(filename: stem + ".jpg", base64: jpeg, note: nil)
        case "image/png": File(filename: stem + ".png", base64: png, note: nil)
        case "image/svg+xml": File(filename: stem + ".svg", base64: svg, note: nil)
        case "application/pdf": File(filename: stem + ".pdf", base64: pdf, note: nil)
        case "text/csv": File(filename: stem + ".csv", base64: csv, note: nil)
        case "application/xml": File(filename: stem + ".xml", base64: xml, note: nil)
        case "text/plain", "any", "": File(filename: stem + ".txt", base64: text, note: nil)
        default:
            // Office and vendor formats have no tiny valid file; a text stand-in keeps the
            // suite small. Replace it if the deployment checks uploads against `media`.
            File(filename: stem + "." + (extensions[media] ?? "bin"), base64: text,
                 note: "a text stand-in for \(media); replace it with a real file if the deployment checks content")
        }
    }

    private static let extensions: [String: String] = [
        "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
        "application/vnd.ms-excel": "xls",
        "application/msword": "doc",
    ]

    /// The field name as a file name: lowercase, and only the characters the API allows.
    static func safeStem(_ name: String) -> String {
        let allowed = name.lowercased().unicodeScalars.map { scalar -> Character in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" ? Character(scalar) : "_"
        }
        return allowed.isEmpty ? "file" : String(allowed)
    }

    // MARK: - The files

    /// An 8×8 grey baseline JPEG (159 bytes; decodes with libjpeg).
    static let jpeg = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/wAALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AP//Z"
    /// A 1×1 PNG.
    static let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    /// One pen stroke: `<svg …><path d="M5 30C25 5 45 5 60 25S95 40 115 10" …/></svg>`.
    static let svg = "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIxMjAiIGhlaWdodD0iNDAiPjxwYXRoIGQ9Ik01IDMwQzI1IDUgNDUgNSA2MCAyNVM5NSA0MCAxMTUgMTAiIGZpbGw9Im5vbmUiIHN0cm9rZT0iIzAwMCIgc3Ryb2tlLXdpZHRoPSIyIi8+PC9zdmc+"
    /// A one-page, empty PDF 1.4 with a correct cross-reference table (327 bytes).
    static let pdf = "JVBERi0xLjQKMSAwIG9iago8PCAvVHlwZSAvQ2F0YWxvZyAvUGFnZXMgMiAwIFIgPj4KZW5kb2JqCjIgMCBvYmoKPDwgL1R5cGUgL1BhZ2VzIC9LaWRzIFszIDAgUl0gL0NvdW50IDEgPj4KZW5kb2JqCjMgMCBvYmoKPDwgL1R5cGUgL1BhZ2UgL1BhcmVudCAyIDAgUiAvTWVkaWFCb3ggWzAgMCA3MiA3Ml0gPj4KZW5kb2JqCnhyZWYKMCA0CjAwMDAwMDAwMDAgNjU1MzUgZiAKMDAwMDAwMDAwOSAwMDAwMCBuIAowMDAwMDAwMDU4IDAwMDAwIG4gCjAwMDAwMDAxMTUgMDAwMDAgbiAKdHJhaWxlcgo8PCAvU2l6ZSA0IC9Sb290IDEgMCBSID4+CnN0YXJ0eHJlZgoxODQKJSVFT0YK"
    /// `Uploaded by the Conform suite.\n`
    static let text = "VXBsb2FkZWQgYnkgdGhlIENvbmZvcm0gc3VpdGUuCg=="
    /// `name,value\nconform,1\n`
    static let csv = "bmFtZSx2YWx1ZQpjb25mb3JtLDEK"
    /// `<?xml version="1.0" encoding="UTF-8"?>\n<conform/>\n`
    static let xml = "PD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0iVVRGLTgiPz4KPGNvbmZvcm0vPgo="
}
