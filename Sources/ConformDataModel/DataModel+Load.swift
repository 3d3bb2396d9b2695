#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension DataModel {
    /// Reads a data model file: a `datamodel.json` when its first non-blank character is `{`,
    /// otherwise data model XML.
    public static func load(path: String) throws(DataModelError) -> DataModel {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw DataModelError(file: path, issues: [.init(line: 0, message: "cannot read the file: \(error)")])
        }
        return isJSON(bytes) ? try parse(json: bytes, file: path) : try parse(xml: bytes, file: path)
    }

    /// Whether the text starts (after a byte order mark and whitespace) with `{`.
    static func isJSON(_ bytes: [UInt8]) -> Bool {
        var rest = bytes[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        let first = rest.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return first == UInt8(ascii: "{")
    }
}
