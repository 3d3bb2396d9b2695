import Foundation

/// One file of a generated suite.
public struct GeneratedFile: Sendable, Hashable {
    /// The path inside the suite's folder, with `/` separators: `task/create.yaml`.
    public let path: String
    /// The UTF-8 text.
    public let contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// The files of a suite, ready to write.
public struct GeneratedSuite: Sendable, Hashable {
    /// Sorted by path.
    public let files: [GeneratedFile]

    public init(files: [GeneratedFile]) {
        self.files = files
    }

    /// The file at `path`, or `nil`.
    public func file(_ path: String) -> GeneratedFile? { files.first { $0.path == path } }

    /// The paths (inside `directory`) of files this suite would replace.
    public func existingFiles(in directory: String) -> [String] {
        files.map { Self.join(directory, $0.path) }.filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Writes every file under `directory`, creating folders as needed. Unless `overwrite`,
    /// nothing is written when any file already exists. Each file is written whole (to a
    /// temporary file, then renamed), so an interrupted run never leaves half a spec.
    /// Returns the paths written.
    @discardableResult
    public func write(into directory: String, overwrite: Bool) throws(SuiteWriteError) -> [String] {
        if !overwrite {
            let existing = existingFiles(in: directory)
            if !existing.isEmpty { throw .wouldOverwrite(existing) }
        }
        var written: [String] = []
        for file in files {
            let path = Self.join(directory, file.path)
            do {
                let folder = (path as NSString).deletingLastPathComponent
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw .cannotWrite(path: path, reason: Self.reason(error))
            }
            written.append(path)
        }
        return written
    }

    static func join(_ directory: String, _ path: String) -> String {
        directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return (error as NSError).localizedDescription
    }
}

/// Why a suite was not written.
public enum SuiteWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// These files exist and `overwrite` was not given; nothing was written.
    case wouldOverwrite([String])
    /// A folder or file could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .wouldOverwrite(let paths):
            let shown = paths.prefix(5).joined(separator: ", ")
            let more = paths.count > 5 ? " and \(paths.count - 5) more" : ""
            return "refusing to overwrite \(paths.count) existing file\(paths.count == 1 ? "" : "s") (\(shown)\(more)); "
                + "pass --force to replace them, or choose another --out"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
