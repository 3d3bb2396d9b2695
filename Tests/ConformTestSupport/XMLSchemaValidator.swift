import CLibXML2
import Foundation

/// Validates XML documents against an XSD with libxml2's schema validator, collecting the
/// validator's messages so a failing test says what is wrong.
public final class XMLSchemaValidator: @unchecked Sendable {
    // The compiled schema is read-only after init; libxml2 allows concurrent validation
    // contexts over one schema, and each validate() call makes its own context.
    private let schema: xmlSchemaPtr

    public init(xsdPath: String) throws {
        guard let parserContext = xmlSchemaNewParserCtxt(xsdPath) else { throw ValidatorError("cannot read \(xsdPath)") }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        guard let schema = xmlSchemaParse(parserContext) else { throw ValidatorError("cannot compile \(xsdPath)") }
        self.schema = schema
    }

    deinit { xmlSchemaFree(schema) }

    /// The validator's complaints; empty when the document is valid.
    public func problems(in xml: [UInt8]) -> [String] {
        let document: xmlDocPtr? = xml.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReadMemory($0, Int32(buffer.count), "report.xml", nil, Int32(XML_PARSE_NONET.rawValue))
                }
            }
        }
        guard let document else { return ["the document is not well-formed XML"] }
        defer { xmlFreeDoc(document) }
        guard let context = xmlSchemaNewValidCtxt(schema) else { return ["cannot create a validation context"] }
        defer { xmlSchemaFreeValidCtxt(context) }
        let collector = ErrorCollector()
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        xmlSchemaSetValidStructuredErrors(context, { userData, error in
            guard let userData, let error else { return }
            let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
            collector.messages.append("line \(error.pointee.line): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }, unmanaged.toOpaque())
        let result = xmlSchemaValidateDoc(context, document)
        if result != 0 && collector.messages.isEmpty { return ["invalid (libxml2 code \(result))"] }
        return collector.messages
    }

    final class ErrorCollector { var messages: [String] = [] }

    struct ValidatorError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
