import CLibXML2

/// An element of a parsed XML document, copied out of libxml2 into plain Swift values so the
/// data model reader never holds a libxml2 pointer.
struct XMLNode: Sendable {
    let name: String
    /// Attributes in document order.
    let attributes: [(name: String, value: String)]
    let children: [XMLNode]
    /// The element's own text and CDATA content, concatenated, untrimmed.
    let text: String
    /// 1-based line of the start tag.
    let line: Int

    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

/// Reads XML bytes with libxml2 into an ``XMLNode`` tree.
enum XMLTreeReader {
    /// libxml2 asks multithreaded programs to initialise it once before any parse.
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses `bytes`; a document that is not well-formed throws with libxml2's message and line.
    ///
    /// Options: no network access (`XML_PARSE_NONET`), no error printing (we report errors
    /// ourselves), and big line numbers so lines past 65535 stay right. Entities are not
    /// substituted and no external DTD is loaded, so hostile documents cannot reach files.
    static func parse(_ bytes: [UInt8], file: String) throws(DataModelError) -> XMLNode {
        _ = initialised
        guard bytes.count < Int(Int32.max) else {
            throw DataModelError(file: file, issues: [.init(line: 0, message: "the XML document is too large")])
        }
        guard let context = xmlNewParserCtxt() else {
            throw DataModelError(file: file, issues: [.init(line: 0, message: "libxml2 could not create a parser")])
        }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_BIG_LINES.rawValue)
        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), file, nil, options)
            }
        }
        guard let document else {
            throw DataModelError(file: file, issues: [lastError(context)])
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            throw DataModelError(file: file, issues: [.init(line: 1, message: "the document has no root element")])
        }
        return copy(root)
    }

    private static func lastError(_ context: xmlParserCtxtPtr) -> DataModelError.Issue {
        guard let error = xmlCtxtGetLastError(context) else {
            return .init(line: 0, message: "the XML document is not well-formed")
        }
        let message = error.pointee.message.map { String(cString: $0) } ?? "the XML document is not well-formed"
        let trimmed = message.trimmedWhitespace
        return .init(line: Int(error.pointee.line), message: "XML is not well-formed: \(trimmed)")
    }

    private static func copy(_ node: xmlNodePtr) -> XMLNode {
        var attributes: [(name: String, value: String)] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = current.pointee.name.map { String(cString: $0) } ?? ""
            attributes.append((name, textContent(of: current.pointee.children)))
            attribute = current.pointee.next
        }
        var children: [XMLNode] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { children.append(copy(current)) }
            child = current.pointee.next
        }
        let text = textContent(of: node.pointee.children)
        let name = node.pointee.name.map { String(cString: $0) } ?? ""
        return XMLNode(name: name, attributes: attributes, children: children, text: text, line: Int(xmlGetLineNo(node)))
    }

    /// The text and CDATA nodes of a sibling list, concatenated. Comments, processing
    /// instructions and unexpanded entity references carry nothing a data model needs.
    /// (Reading `content` directly also avoids libxml2's global `xmlFree` pointer.)
    private static func textContent(of first: xmlNodePtr?) -> String {
        var text = ""
        var node = first
        while let current = node {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
                let content = current.pointee.content
            {
                text += String(cString: content)
            }
            node = current.pointee.next
        }
        return text
    }
}
