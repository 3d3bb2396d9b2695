public import Foundation

/// The shared data folder (`../shared/data` next to the package): JUnit schemas and the
/// JSON-Schema-Test-Suite. CI has it; a user's own clone may not, and tests that need it
/// skip with `SharedData.missingReason` instead of failing.
public enum SharedData {
    /// The package root, found from this file's location (`Tests/ConformTestSupport/…`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let folder: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    public static var isAvailable: Bool { FileManager.default.fileExists(atPath: folder.path) }

    public static var missingReason: String {
        "skipped: \(folder.path) is absent (it holds the JUnit schemas and JSON-Schema-Test-Suite files CI provides)"
    }

    public static func path(_ relative: String) -> String { folder.appendingPathComponent(relative).path }
}

/// A fresh folder under the system temporary directory, removed by `remove()`.
public struct TemporaryFolder: Sendable {
    public let path: String

    public init(_ label: String = "conform") throws {
        path = NSTemporaryDirectory() + "\(label)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
