import ConformShape
import Foundation

/// Finds spec files under the paths a user gave.
///
/// In a folder, every `*.yaml`/`*.yml` file is a spec, except: `conform.yaml` (the target
/// config), files in a `shapes/` folder (shared schemas, loaded through `$ref`), and files or
/// folders whose name starts with `_` or `.`. A file named explicitly is always a spec.
/// The order is sorted by path, so runs and reports are deterministic.
public enum SpecDiscovery {
    public static func specFiles(in paths: [String]) throws(SpecLoadFailure) -> [String] {
        var files: [String] = []
        var problems: [Diagnostic] = []
        let fileManager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Diagnostic(.unreadableFile, "no such file or folder: \(path)", at: nil))
                continue
            }
            if !isDirectory.boolValue {
                files.append(path)
                continue
            }
            let found = walk(path)
            if found.isEmpty {
                problems.append(Diagnostic(.unreadableFile, "no spec files (*.yaml) in \(path)", at: nil))
            }
            files.append(contentsOf: found)
        }
        if !problems.isEmpty { throw SpecLoadFailure(problems) }
        // One file, or one folder walked (each entry once, by a path made of its folder's and its
        // own name), repeats nothing: the duplicate check is for paths given more than once
        // (`Specs Specs/objects`), and costs ~8,000 instructions a file before the first request.
        if paths.count == 1 { return files }
        // Paths compared code point by code point: "é.yaml" and "e\u{301}.yaml" are two files on
        // disk, though Swift's `String ==` calls them one.
        var seen = Set<JSONName>()
        var standard = StandardizedPaths()
        return files.filter { seen.insert(JSONName(standard.standardized($0))).inserted }
    }

    static func walk(_ folder: String) -> [String] {
        guard let entries = entries(of: folder) else { return [] }
        var result: [String] = []
        for entry in entries.sorted(by: { $0.name < $1.name }) where !entry.name.hasPrefix(".") && !entry.name.hasPrefix("_") {
            let name = entry.name
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            guard let isDirectory = entry.isDirectory ?? isDirectoryFollowingLinks(path) else { continue }
            if isDirectory {
                if name != "shapes" { result.append(contentsOf: walk(path)) }
            } else if (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && name != "conform.yaml" && name != "conform.yml" {
                result.append(path)
            }
        }
        return result.sorted()
    }

    /// A folder's entries with what `readdir` says of each: a folder, a file, or `nil` when it
    /// cannot tell without a `stat` (a symbolic link, or a file system that does not say).
    /// One pass instead of a `stat` per entry (~2,500 instructions and a system call each,
    /// 500 times for a 500-file suite, before the first request).
    private static func entries(of folder: String) -> [(name: String, isDirectory: Bool?)]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var entries: [(name: String, isDirectory: Bool?)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(cString: bytes.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard name != ".", name != ".." else { continue }
            let kind: Bool? = switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): true
            case Int32(DT_REG): false
            default: nil
            }
            entries.append((name, kind))
        }
        return entries
    }

    /// Whether `path` is a folder, following symbolic links; `nil` when nothing is there.
    private static func isDirectoryFollowingLinks(_ path: String) -> Bool? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        return isDirectory.boolValue
    }
}
