/// A place in a schema document: the document's identifier (as it was registered, e.g.
/// `/x/Specs/shapes/object.yaml`) and a JSON Pointer inside it (`/properties/status/type`).
///
/// The pointer is relative to the whole file the caller knows, even for a schema embedded in
/// a spec file, so the caller can map it to `file:line:column` with its own source map.
public struct SchemaLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let document: String
    public let pointer: JSONPointer

    public init(document: String, pointer: JSONPointer) {
        self.document = document
        self.pointer = pointer
    }

    func appending(_ token: String) -> SchemaLocation {
        SchemaLocation(document: document, pointer: pointer.appending(token))
    }

    func appending(_ index: Int) -> SchemaLocation {
        SchemaLocation(document: document, pointer: pointer.appending(index))
    }

    /// `document#/pointer`, the way JSON Schema itself writes a location.
    public var description: String { "\(document)#\(pointer)" }

    public static func < (lhs: SchemaLocation, rhs: SchemaLocation) -> Bool {
        (lhs.document, lhs.pointer) < (rhs.document, rhs.pointer)
    }
}
