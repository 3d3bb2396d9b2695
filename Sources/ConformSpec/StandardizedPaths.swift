import ConformShape
import Foundation

/// `URL(fileURLWithPath: path).standardizedFileURL.path` for many files, each folder worked
/// out once.
///
/// Foundation takes ~60,000 instructions a path for it (absolute, `.` and `..` gone), and a
/// suite's files were standardized twice each (discovery's duplicate check, and the path
/// `$ref`s resolve against), all in a few folders. A file's standardized path is its
/// folder's with the file name added, so only folders go to Foundation; names that would
/// not simply be added (none, `.` or `..`) go there whole.
struct StandardizedPaths {
    /// Keyed by code point: "é" and "e\u{301}" are two folders (`String`'s `==` says one).
    private var folders: [JSONName: String] = [:]

    init() {}

    /// What Foundation says, for one path.
    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    mutating func standardized(_ path: String) -> String {
        // By byte: a `/` followed by a combining mark is still a separator to the file system.
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return Self.standardized(path) }
        let name = path[path.utf8.index(after: slash)...]
        let folder = path[..<slash]
        guard !name.isEmpty, name != ".", name != "..", !folder.isEmpty, folder.utf8.last != UInt8(ascii: "/") else {
            return Self.standardized(path)
        }
        let key = JSONName(String(folder))
        let standardFolder: String
        if let known = folders[key] {
            standardFolder = known
        } else {
            standardFolder = Self.standardized(key.text)
            folders[key] = standardFolder
        }
        return standardFolder.hasSuffix("/") ? standardFolder + name : standardFolder + "/" + name
    }
}
