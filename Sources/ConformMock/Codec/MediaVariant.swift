import ConformDataModel

/// The URL keys of an uploaded attachment (reference §16.2): photos have `original`,
/// `fullscreen` and `thumbnail`; signatures also `svg`; generic files `original`. The mock
/// serves every variant with the uploaded bytes (it does not resize or convert).
enum MediaVariant: String, Sendable, CaseIterable {
    case original, fullscreen, thumbnail, svg

    static func variants(for type: FieldType) -> [MediaVariant] {
        switch type {
        case .photo: [.original, .fullscreen, .thumbnail]
        case .signature: [.original, .fullscreen, .thumbnail, .svg]
        default: [.original]
        }
    }

    /// `<base>/<root>/<attachment-id>/<variant>/<filename>`: outside `/api/v4` and fetched
    /// without API credentials. Objects link to `media`, which redirects to `storage`.
    static func url(base: String, attachment: StoredAttachment, variant: MediaVariant, root: String = "media") -> String {
        base + "/" + root + "/" + attachment.id + "/" + variant.rawValue + "/" + percentEncode(attachment.filename)
    }

    /// File names are limited to `[a-z0-9_.\- ]`, so only the space needs escaping.
    private static func percentEncode(_ name: String) -> String {
        name.split(separator: " ", omittingEmptySubsequences: false).joined(separator: "%20")
    }

    /// A content type from the file name's extension, for downloads.
    static func contentType(forFilename name: String) -> String {
        let ext = name.split(separator: ".").last.map(String.init) ?? ""
        switch ext {
        case "jpg", "jpeg": return "image/jpeg"
        case "png": return "image/png"
        case "svg": return "image/svg+xml"
        case "pdf": return "application/pdf"
        case "txt": return "text/plain"
        case "csv": return "text/csv"
        case "xml": return "application/xml"
        default: return "application/octet-stream"
        }
    }
}
