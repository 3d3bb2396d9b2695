import ConformShape
import ConformSpec
import Foundation

/// Gathers the shapes of a suite into one OpenAPI document: every shape file a `$ref` names
/// becomes a schema under `components/schemas` (named after the file), and every `$ref` is
/// rewritten to point there, so the document stands alone. Shapes are JSON Schema 2020-12,
/// which is OpenAPI 3.1's dialect: nothing else needs translating.
struct SchemaBundler {
    let documents: ShapeDocuments
    /// Component name by absolute file path, and the components in the order first seen.
    private(set) var names: [String: String] = [:]
    private(set) var components: [(name: String, schema: JSONValue)] = []
    /// What could not be carried over, each with where it was written.
    private(set) var problems: [String] = []

    init(documents: ShapeDocuments) { self.documents = documents }

    /// `schema`, written in the file at `documentPath`, with its references rewritten.
    mutating func bundle(_ schema: JSONValue, writtenIn documentPath: String) -> JSONValue {
        rewrite(schema, in: documentPath, componentName: nil)
    }

    private mutating func rewrite(_ value: JSONValue, in documentPath: String, componentName: String?) -> JSONValue {
        switch value {
        case .object(let object):
            var rewritten: [(String, JSONValue)] = []
            for (key, member) in object {
                if key == "$ref", case .string(let reference) = member {
                    rewritten.append((key, .string(target(of: reference, from: documentPath, componentName: componentName))))
                } else if key == "$id" || key == "$anchor" || key == "$dynamicRef" || key == "$dynamicAnchor" {
                    // Identifiers only mean something in the file they are written in: dropped,
                    // and said, since a `$ref` by anchor would no longer resolve.
                    problems.append("\(Self.display(documentPath)): `\(key)` is not carried into the OpenAPI document")
                } else {
                    rewritten.append((key, rewrite(member, in: documentPath, componentName: componentName)))
                }
            }
            return .object(JSONObject(rewritten))
        case .array(let items):
            return .array(items.map { rewrite($0, in: documentPath, componentName: componentName) })
        default:
            return value
        }
    }

    /// `../shapes/object.yaml#/$defs/x` → `#/components/schemas/object/$defs/x`; a fragment-only
    /// reference inside a shape file stays inside that file's component.
    private mutating func target(of reference: String, from documentPath: String, componentName: String?) -> String {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let file = parts[0]
        let fragment = parts.count > 1 ? parts[1] : ""
        if file.isEmpty {
            guard let componentName else {
                problems.append("\(Self.display(documentPath)): `$ref: \(reference)` points into the spec file itself; left as written")
                return reference
            }
            return "#/components/schemas/\(JSONPointer.escaped(componentName))\(fragment)"
        }
        let folder = (documentPath as NSString).deletingLastPathComponent
        let absolute = URL(fileURLWithPath: file, relativeTo: URL(fileURLWithPath: folder, isDirectory: true)).standardizedFileURL.path
        guard let name = component(for: absolute) else { return reference }
        return "#/components/schemas/\(JSONPointer.escaped(name))\(fragment)"
    }

    /// The component for a shape file, read and rewritten the first time it is named.
    private mutating func component(for path: String) -> String? {
        if let name = names[path] { return name }
        let document: JSONValue
        do {
            guard let loaded = try documents.document(at: path) else {
                problems.append("\(Self.display(path)): not found; its `$ref`s are left as written")
                return nil
            }
            document = loaded
        } catch {
            problems.append("\(Self.display(path)): \(error)")
            return nil
        }
        let name = uniqueName(for: path)
        names[path] = name
        let index = components.count
        components.append((name, .null))  // reserved first: a file may refer to itself
        components[index].schema = rewrite(document, in: path, componentName: name)
        return name
    }

    /// The file's name without its extension, made a valid component key (`^[a-zA-Z0-9._-]+$`)
    /// and unique (`object`, `object_2`).
    private func uniqueName(for path: String) -> String {
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var name = String(base.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
        if name.isEmpty { name = "shape" }
        var candidate = name
        var counter = 2
        while components.contains(where: { $0.name == candidate }) {
            candidate = "\(name)_\(counter)"
            counter += 1
        }
        return candidate
    }

    static func display(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
