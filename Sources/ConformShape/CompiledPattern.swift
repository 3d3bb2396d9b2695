/// A `pattern` (or `patternProperties` key) compiled once, at schema compile time.
///
/// JSON Schema patterns are ECMA-262 regular expressions, matched anywhere in the string
/// (not anchored). Swift's `Regex` reads nearly the same syntax; the options below bring its
/// matching closer to ECMA-262: code points rather than grapheme clusters (so `.` is one code
/// point and `^.$` matches one emoji), ASCII-only `\d` and `\w`, and simple `\b` boundaries.
final class CompiledPattern: @unchecked Sendable {
    // Why `@unchecked Sendable`: `Regex` is a value type but is not declared `Sendable`,
    // because it lowers its program lazily. That lowering is published with an atomic
    // compare-and-swap (swift-experimental-string-processing #457/#474: "using Regex will
    // still be thread-safe by default, even without the annotation"), and `init` below runs
    // one match so the program is lowered before the pattern is shared. After that the
    // regex is only read.
    let source: String
    private let regex: Regex<AnyRegexOutput>
    /// The same pattern as a direct matcher, when it has that simple form.
    private let anchoredClasses: AnchoredClassPattern?

    /// Compiles `source`; the error message says what is wrong with it.
    init(_ source: String) throws(PatternError) {
        do {
            regex = try Regex(source)
                .matchingSemantics(.unicodeScalar)
                .asciiOnlyDigits()
                .asciiOnlyWordCharacters()
                .wordBoundaryKind(.simple)
        } catch {
            throw PatternError(message: "\(error)")
        }
        self.source = source
        anchoredClasses = AnchoredClassPattern(source)
        _ = try? regex.firstMatch(in: "")
    }

    /// Whether the pattern matches anywhere in `string`.
    func matches(_ string: String) -> Bool {
        if let answer = anchoredClasses?.matches(string) { return answer }
        return (try? regex.firstMatch(in: string)) != nil
    }

    /// What the regex alone answers (for tests that compare it with the direct matcher).
    func regexMatches(_ string: String) -> Bool {
        (try? regex.firstMatch(in: string)) != nil
    }

    struct PatternError: Error {
        let message: String
    }

    /// The compiled pattern for this text, compiled at most once per process: a suite names
    /// the same few patterns (uuid, date-time) in many shapes, and `Regex.init` is costly.
    static func shared(_ source: String) throws(PatternError) -> CompiledPattern {
        if let cached = cache.withLock({ $0[source] }) { return cached }
        let compiled = try CompiledPattern(source)
        return cache.withLock { entries in
            if let raced = entries[source] { return raced }
            entries[source] = compiled
            return compiled
        }
    }

    private static let cache = Mutex<[String: CompiledPattern]>([:])
}

import Synchronization
