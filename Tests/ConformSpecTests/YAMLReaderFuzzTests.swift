import Foundation
import Testing
import ConformShape
@testable import ConformSpec

/// Deterministic mutants of the shipped suite (`Specs/**/*.yaml`): each must load to a spec or
/// to diagnostics that all carry a position, without crashing or hanging. The seed is fixed,
/// so a failure names a mutant that can be rebuilt.
@Suite struct YAMLReaderFuzzTests {
    static let mutantCount = 2_000
    static let seed: UInt64 = 0x00C0_FFEE_5EED

    static let specsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Specs").path

    static func corpus() throws -> [(path: String, bytes: [UInt8])] {
        let enumerator = FileManager.default.enumerator(atPath: specsFolder)
        var files: [(String, [UInt8])] = []
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") else { continue }
            let path = specsFolder + "/" + relative
            files.append((path, [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    @Test(.timeLimit(.minutes(1))) func mutantsOfTheShippedSuiteLoadOrFailWithAPosition() throws {
        let files = try Self.corpus()
        #expect(files.count > 10, "the shipped suite was not found under \(Self.specsFolder)")
        guard !files.isEmpty else { return }
        var random = SplitMix64(state: Self.seed)
        var outcomes = (loaded: 0, refused: 0)
        let started = ContinuousClock.now
        for number in 0..<Self.mutantCount {
            let file = files[Int(random.next() % UInt64(files.count))]
            var bytes = file.bytes
            for _ in 0...Int(random.next() % 3) { YAMLMutation.apply(to: &bytes, random: &random) }
            let diagnostics = Self.load(bytes, path: file.path)
            if diagnostics.isEmpty { outcomes.loaded += 1 } else { outcomes.refused += 1 }
            for diagnostic in diagnostics {
                guard let location = diagnostic.location, location.line >= 1, location.column >= 1 else {
                    Issue.record("mutant \(number) of \(file.path): diagnostic without a position: \(diagnostic)")
                    continue
                }
            }
        }
        // Both outcomes must occur, or the mutations are too mild or too wild to test anything.
        #expect(outcomes.loaded > 0 && outcomes.refused > 0, "\(outcomes)")
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    /// Reads the bytes as the loader would: YAML first, then the spec model for spec files.
    static func load(_ bytes: [UInt8], path: String) -> [Diagnostic] {
        let root: SourceNode
        do { root = try SourceNode.parse(yaml: bytes, file: path) } catch { return [error] }
        let name = (path as NSString).lastPathComponent
        if path.contains("/shapes/") || name == "conform.yaml" { return [] }
        let sink = DiagnosticSink()
        _ = SpecDecoder(sink: sink, displayPath: path, absolutePath: path).decode(root)
        return sink.diagnostics
    }
}

/// One random edit of a YAML file's bytes, aimed at the reader's edges.
enum YAMLMutation: CaseIterable {
    case flipByte, truncate, duplicateLine, insertAlias, insertAnchor, deepNesting, invalidUTF8, insertFlowNoise

    static let noise: [[UInt8]] = ["{", "}", "[", "]", ",", ": ", "- ", "? ", "'", "\"", "|", ">", "#", "\t", "\n", "---\n", "<<: ", "!!str ", "%YAML 1.1\n"]
        .map { Array($0.utf8) }
    static let invalid: [[UInt8]] = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0x00], [0x1B], [0xEF, 0xBB, 0xBF]]

    static func apply(to bytes: inout [UInt8], random: inout SplitMix64) {
        let kind = allCases[Int(random.next() % UInt64(allCases.count))]
        let at = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count + 1))
        switch kind {
        case .flipByte:
            guard at < bytes.count else { return }
            bytes[at] ^= UInt8(1 << (random.next() % 8))
        case .truncate:
            bytes.removeSubrange(at...)
        case .duplicateLine:
            let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            guard !lines.isEmpty else { return }
            let i = Int(random.next() % UInt64(lines.count))
            var copy = Array(lines.map(Array.init))
            copy.insert(copy[i], at: i)
            bytes = Array(copy.joined(separator: [UInt8(ascii: "\n")]))
        case .insertAlias:
            bytes.insert(contentsOf: Array(" *a".utf8), at: at)
        case .insertAnchor:
            bytes.insert(contentsOf: Array(" &a ".utf8), at: at)
        case .deepNesting:
            let depth = Int(random.next() % 600)
            bytes.insert(contentsOf: Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth), at: at)
        case .invalidUTF8:
            bytes.insert(contentsOf: invalid[Int(random.next() % UInt64(invalid.count))], at: at)
        case .insertFlowNoise:
            bytes.insert(contentsOf: noise[Int(random.next() % UInt64(noise.count))], at: at)
        }
    }
}
