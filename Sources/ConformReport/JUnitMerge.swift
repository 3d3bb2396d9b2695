import CLibXML2
import Foundation

/// Merges JUnit reports (e.g. one per `--shard`) into one: every `<testsuite>` of every input
/// under one `<testsuites>` whose totals are recomputed. Suites that all name their spec file
/// (`file`, as Conform writes them) come out in path order, as one unsharded run writes them
/// (a shard holds every N-th file); otherwise in the order given.
public enum JUnitMerge {
    public static func merge(_ paths: [String]) throws(ReportWriteError) -> [UInt8] {
        guard let output = xmlNewDoc("1.0") else { throw ReportWriteError(message: "libxml2 could not create a document") }
        defer { xmlFreeDoc(output) }
        guard let root = xmlNewNode(nil, "testsuites") else { throw ReportWriteError(message: "libxml2 could not create an element") }
        xmlDocSetRootElement(output, root)
        var totals = (tests: 0, failures: 0, errors: 0, time: 0.0)
        var copies: [(file: String?, node: xmlNodePtr)] = []
        for path in paths {
            guard let input = xmlReadFile(path, nil, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)) else {
                throw ReportWriteError(message: "\(path) is not a readable XML file")
            }
            defer { xmlFreeDoc(input) }
            guard let inputRoot = xmlDocGetRootElement(input) else { throw ReportWriteError(message: "\(path) has no root element") }
            let suites: [xmlNodePtr]
            switch name(of: inputRoot) {
            case "testsuites": suites = children(of: inputRoot).filter { name(of: $0) == "testsuite" }
            case "testsuite": suites = [inputRoot]
            default: throw ReportWriteError(message: "\(path) is not a JUnit report (root <\(name(of: inputRoot))>)")
            }
            for suite in suites {
                totals.tests += Int(attribute(suite, "tests") ?? "") ?? 0
                totals.failures += Int(attribute(suite, "failures") ?? "") ?? 0
                totals.errors += Int(attribute(suite, "errors") ?? "") ?? 0
                totals.time += Double(attribute(suite, "time") ?? "") ?? 0
                guard let copy = xmlDocCopyNode(suite, output, 1) else { throw ReportWriteError(message: "libxml2 could not copy a testsuite") }
                copies.append((attribute(suite, "file"), copy))
            }
        }
        if copies.allSatisfy({ $0.file != nil }) { copies = Self.inPathOrder(copies) { $0.file ?? "" } }
        for copy in copies { xmlAddChild(root, copy.node) }
        xmlNewProp(root, "name", "conform")
        xmlNewProp(root, "tests", String(totals.tests))
        xmlNewProp(root, "failures", String(totals.failures))
        xmlNewProp(root, "errors", String(totals.errors))
        xmlNewProp(root, "time", JUnitWriter.seconds(totals.time))
        var buffer: UnsafeMutablePointer<xmlChar>?
        var length: Int32 = 0
        xmlDocDumpFormatMemoryEnc(output, &buffer, &length, "UTF-8", 1)
        guard let buffer else { throw ReportWriteError(message: "libxml2 could not serialise the merged report") }
        // libxml2 allocates with its default allocator, the C library's malloc (Conform never
        // calls xmlMemSetup); its `xmlFree` is a global variable Swift 6 cannot read safely.
        defer { free(buffer) }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(length)))
    }

    /// Sorted by path as spec discovery sorts (String order), keeping the given order for equal
    /// paths: the order of one unsharded run.
    static func inPathOrder<T>(_ items: [T], path: (T) -> String) -> [T] {
        items.enumerated().sorted { left, right in
            let (a, b) = (path(left.element), path(right.element))
            return a != b ? a < b : left.offset < right.offset
        }.map(\.element)
    }

    static func name(of node: xmlNodePtr) -> String { node.pointee.name.map { String(cString: $0) } ?? "" }

    static func children(of node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { free(value) }
        return String(cString: value)
    }
}
