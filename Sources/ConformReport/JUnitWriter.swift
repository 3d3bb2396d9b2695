import CLibXML2
import Foundation

/// Why a report could not be written.
public struct ReportWriteError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Serialises a `JUnitReport` with libxml2's `xmlTextWriter`, which does the escaping of
/// `<`, `&`, quotes and newlines in attributes; what XML cannot hold at all (most control
/// characters) is replaced before it reaches libxml2.
public struct JUnitWriter: Sendable {
    public enum Dialect: String, Sendable, CaseIterable {
        /// Valid against the Jenkins JUnit schema (`jenkins-junit-10.xsd`).
        case jenkins
        /// Adds `file` and `line` to each testcase for GitLab and GitHub annotators (the
        /// Jenkins schema rejects them, so this is opt-in).
        case annotated
    }

    public var dialect: Dialect

    public init(dialect: Dialect = .jenkins) { self.dialect = dialect }

    /// The document as UTF-8 bytes.
    ///
    /// A large report is written on every core: its suites are cut into contiguous parts, each
    /// part written by a writer of its own, and the parts joined between the document's head
    /// and tail, which gives the same bytes as one writer (a test holds it to that). This runs
    /// after the last request, on one core while the others idle: ~20,000 instructions a case.
    public func xml(for report: JUnitReport) throws(ReportWriteError) -> [UInt8] {
        try xml(for: report, parts: Self.parts(suiteCount: report.suites.count))
    }

    /// The document, its suites written in `parts` (contiguous, in order, covering them all).
    func xml(for report: JUnitReport, parts: [Range<Int>]) throws(ReportWriteError) -> [UInt8] {
        guard parts.count > 1 else {
            return try Self.render { session throws(ReportWriteError) in
                try session.check(xmlTextWriterStartDocument(session.writer, "1.0", "UTF-8", nil), "start document")
                try writeSuites(report, session: &session)
            }
        }
        Self.initialiseLibXML
        let bodies = PartedMap.map(parts) { part in
            Result { () throws(ReportWriteError) in try suitesBody(report.suites[part]) }
        }
        // The head and tail around one empty placeholder suite, which the bodies replace.
        let frame = try Self.render { session throws(ReportWriteError) in
            try session.check(xmlTextWriterStartDocument(session.writer, "1.0", "UTF-8", nil), "start document")
            try writeRootStart(report, session: &session)
            try session.start("testsuite")
            try session.end()
            try session.end()
        }
        let placeholder = Array("  <testsuite/>\n".utf8)
        guard let cut = Self.range(of: placeholder, in: frame) else {
            throw ReportWriteError(message: "libxml2 wrote an unexpected frame for the report")
        }
        var document = Array(frame[..<cut.lowerBound])
        for body in bodies { document += try body.get() }
        document += frame[cut.upperBound...]
        return document
    }

    /// libxml2 asks multithreaded programs to initialise it once before concurrent use.
    private static let initialiseLibXML: Void = { xmlInitParser() }()

    /// Contiguous ranges of suite indices, one per core, for reports large enough to gain.
    static func parts(suiteCount: Int) -> [Range<Int>] { PartedMap.parts(count: suiteCount) }

    /// The bytes of `suites` as they appear inside `<testsuites>`: written inside a wrapper
    /// element of that name, whose first and last lines are then cut off.
    func suitesBody(_ suites: ArraySlice<JUnitReport.Suite>) throws(ReportWriteError) -> [UInt8] {
        let wrapped = try Self.render { session throws(ReportWriteError) in
            try session.start("testsuites")
            for suite in suites { try writeSuite(suite, session: &session) }
            try session.end()
        }
        guard let firstNewline = wrapped.firstIndex(of: UInt8(ascii: "\n")),
            let closing = Self.range(of: Array("</testsuites>".utf8), in: wrapped), closing.lowerBound > firstNewline
        else { throw ReportWriteError(message: "libxml2 wrote an unexpected part of the report") }
        return Array(wrapped[(firstNewline + 1)..<closing.lowerBound])
    }

    /// One memory writer, set up as every report is (two-space indentation), its bytes after
    /// `body` and the end of the document.
    static func render(_ body: (inout WriterSession) throws(ReportWriteError) -> Void) throws(ReportWriteError) -> [UInt8] {
        guard let buffer = xmlBufferCreate() else { throw ReportWriteError(message: "libxml2 could not allocate a buffer") }
        defer { xmlBufferFree(buffer) }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            throw ReportWriteError(message: "libxml2 could not create a text writer")
        }
        var session = WriterSession(writer: writer)
        do {
            try session.check(xmlTextWriterSetIndent(writer, 1), "set indent")
            try session.check(xmlTextWriterSetIndentString(writer, "  "), "set indent string")
            try body(&session)
            try session.check(xmlTextWriterEndDocument(writer), "end document")
            xmlFreeTextWriter(writer)
        } catch {
            xmlFreeTextWriter(writer)
            throw error
        }
        guard let content = xmlBufferContent(buffer) else { return [] }
        let length = Int(xmlBufferLength(buffer))
        return Array(UnsafeBufferPointer(start: content, count: length))
    }

    /// Where `needle` first occurs in `haystack`.
    static func range(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start..<(start + needle.count) }
        }
        return nil
    }

    /// Writes atomically: a temporary file in the same folder, flushed, then renamed over the
    /// target, so a reader never sees half a report, even if the run is killed mid-write.
    public func write(_ report: JUnitReport, to path: String) throws(ReportWriteError) {
        try AtomicFile.write(try xml(for: report), to: path)
    }

    func writeSuites(_ report: JUnitReport, session: inout WriterSession) throws(ReportWriteError) {
        try writeRootStart(report, session: &session)
        for suite in report.suites { try writeSuite(suite, session: &session) }
        try session.end()
    }

    /// `<testsuites` and its totals.
    func writeRootStart(_ report: JUnitReport, session: inout WriterSession) throws(ReportWriteError) {
        try session.start("testsuites")
        try session.attribute("name", report.name)
        try session.attribute("tests", String(report.tests))
        try session.attribute("failures", String(report.failures))
        try session.attribute("errors", String(report.errors))
        try session.attribute("time", Self.seconds(report.time))
    }

    func writeSuite(_ suite: JUnitReport.Suite, session: inout WriterSession) throws(ReportWriteError) {
        try session.start("testsuite")
        try session.attribute("name", suite.name)
        try session.attribute("tests", String(suite.tests))
        try session.attribute("failures", String(suite.failures))
        try session.attribute("errors", String(suite.errors))
        try session.attribute("skipped", String(suite.skipped))
        try session.attribute("time", Self.seconds(suite.time))
        try session.attribute("timestamp", suite.timestamp)
        try session.attribute("hostname", suite.hostname)
        try session.attribute("file", suite.file)
        if !suite.properties.isEmpty {
            try session.start("properties")
            for property in suite.properties {
                try session.start("property")
                try session.attribute("name", property.name)
                try session.attribute("value", property.value)
                try session.end()
            }
            try session.end()
        }
        for testcase in suite.cases { try writeCase(testcase, session: &session) }
        if let out = suite.systemOut { try session.element("system-out", text: out) }
        if let err = suite.systemErr { try session.element("system-err", text: err) }
        try session.end()
    }

    func writeCase(_ testcase: JUnitReport.Case, session: inout WriterSession) throws(ReportWriteError) {
        try session.start("testcase")
        try session.attribute("classname", testcase.classname)
        try session.attribute("name", testcase.name)
        try session.attribute("time", Self.seconds(testcase.time))
        if dialect == .annotated {
            try session.attribute("file", testcase.file)
            try session.attribute("line", String(testcase.line))
        }
        switch testcase.outcome {
        case .passed:
            break
        case .failure(let message, let type, let body):
            try session.element("failure", attributes: [("message", message), ("type", type)], text: body)
        case .error(let message, let type, let body):
            try session.element("error", attributes: [("message", message), ("type", type)], text: body)
        case .skipped(let message):
            try session.element("skipped", attributes: [("message", message)], text: nil)
        }
        for rerun in testcase.reruns {
            try session.element(rerun.element, attributes: [("message", rerun.message), ("type", rerun.type)], text: nil)
        }
        if let out = testcase.systemOut { try session.element("system-out", text: out) }
        try session.end()
    }

    /// Seconds with exactly three decimals, as the schema's SUREFIRE_TIME and every CI parser expect.
    static func seconds(_ value: Double) -> String {
        let milliseconds = Int64((max(0, value.isFinite ? value : 0) * 1000).rounded())
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

/// The libxml2 calls, each return code checked.
struct WriterSession {
    let writer: xmlTextWriterPtr

    /// `what` is only built on failure: every attribute of every testcase passes through here.
    func check(_ code: Int32, _ what: @autoclosure () -> String) throws(ReportWriteError) {
        if code < 0 { throw ReportWriteError(message: "libxml2 failed to \(what())") }
    }

    func start(_ name: String) throws(ReportWriteError) {
        try check(Self.withXMLChars(name) { xmlTextWriterStartElement(writer, $0) }, "start <\(name)>")
    }

    func end() throws(ReportWriteError) { try check(xmlTextWriterEndElement(writer), "end an element") }

    func attribute(_ name: String, _ value: String) throws(ReportWriteError) {
        let code = Self.withXMLChars(name) { name in
            Self.withXMLChars(XMLText.sanitized(value)) { value in xmlTextWriterWriteAttribute(writer, name, value) }
        }
        try check(code, "write attribute \(name)")
    }

    /// The string as libxml2's `const xmlChar *` (UTF-8, NUL-terminated) without a copy: passing
    /// a `String` directly made an array of its bytes each time, for every name and value.
    static func withXMLChars(_ text: String, _ body: (UnsafePointer<xmlChar>) -> Int32) -> Int32 {
        text.withCString { chars in
            chars.withMemoryRebound(to: xmlChar.self, capacity: text.utf8.count + 1, body)
        }
    }

    func element(_ name: String, attributes: [(String, String)] = [], text: String?) throws(ReportWriteError) {
        try start(name)
        for (key, value) in attributes { try attribute(key, value) }
        if let text, !text.isEmpty { try check(xmlTextWriterWriteString(writer, XMLText.sanitized(text)), "write text") }
        try end()
    }
}

/// What XML 1.0 can carry: tab, newline, carriage return and everything from U+0020 up,
/// except U+FFFE/U+FFFF. Anything else is shown as `\u{XX}` so it stays visible in the
/// report instead of making the file unreadable.
enum XMLText {
    static func sanitized(_ text: String) -> String {
        guard mayNeedReplacing(text), text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isAllowed(scalar) { result.append(scalar) } else {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            }
        }
        return String(result)
    }

    /// A byte look first (~3 instructions a byte, against ~10 a scalar): only control bytes
    /// and 0xEF, which starts U+FFFE and U+FFFF in UTF-8, can be part of what XML refuses
    /// (a Swift string holds no surrogates).
    static func mayNeedReplacing(_ text: String) -> Bool {
        var text = text  // `withUTF8` on a copy: a native string's bytes, not copied
        return text.withUTF8 { bytes in
            bytes.contains { $0 == 0xEF || ($0 < 0x20 && $0 != 0x9 && $0 != 0xA && $0 != 0xD) }
        }
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
