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
        // Paths compared code point by code point: "é.yaml" and "e\u{301}.yaml" are two files on
        // disk, though Swift's `String ==` calls them one.
        var seen = Set<JSONName>()
        var standard = StandardizedPaths()
        return files.filter { seen.insert(JSONName(standard.standardized($0))).inserted }
    }

    static func walk(_ folder: String) -> [String] {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: folder) else { return [] }
        var result: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") && !name.hasPrefix("_") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if name != "shapes" { result.append(contentsOf: walk(path)) }
            } else if (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && name != "conform.yaml" && name != "conform.yml" {
                result.append(path)
            }
        }
        return result.sorted()
    }
}
