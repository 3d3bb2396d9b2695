import Foundation
import Testing
@testable import ConformSpec

/// Spec paths are standardized per folder (StandardizedPaths); the answer must be exactly
/// Foundation's for the whole path, which `$ref` resolution and duplicate detection used.
@Test func standardizedPathsMatchFoundation() throws {
    let fixture = try SpecFixture(["specs/a.yaml": "x", "specs/sub/b.yaml": "x", "shapes/s.yaml": "x", "é/c.yaml": "x"])
    defer { fixture.remove() }
    try FileManager.default.createSymbolicLink(atPath: fixture.path("link"), withDestinationPath: fixture.path("specs"))
    try FileManager.default.createSymbolicLink(atPath: fixture.path("specs/linked.yaml"), withDestinationPath: fixture.path("shapes/s.yaml"))
    let folder = fixture.folder
    let paths = [
        "\(folder)/specs/a.yaml", "\(folder)/specs/./a.yaml", "\(folder)/specs/sub/../a.yaml", "\(folder)/specs/sub/b.yaml",
        "\(folder)/specs//a.yaml", "\(folder)/./specs/sub/./b.yaml", "\(folder)/specs/sub/..", "\(folder)/specs/.",
        "\(folder)/specs/", "\(folder)/link/a.yaml", "\(folder)/link/../shapes/s.yaml", "\(folder)/specs/linked.yaml",
        "\(folder)/é/c.yaml", "\(folder)/e\u{301}/c.yaml", "\(folder)/specs/\u{301}a.yaml", "\(folder)/specs/a b%20c.yaml",
        "/a.yaml", "/", "a.yaml", "./a.yaml", "../a.yaml", "specs/a.yaml", "specs/../../x/a.yaml",
    ]
    var standard = StandardizedPaths()
    for path in paths + paths {  // twice: the second time from the folder cache
        // Bytes, not `==`: "é" and "e\u{301}" are two folders.
        let expected = URL(fileURLWithPath: path).standardizedFileURL.path
        #expect(Array(standard.standardized(path).utf8) == Array(expected.utf8), "\(path) -> \(expected)")
    }
}
