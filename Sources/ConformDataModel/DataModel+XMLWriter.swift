extension DataModel {
    /// The data model as v4 XML (reference §21): the XML it was read from, byte for byte,
    /// when there is one; otherwise (a model read from `datamodel.json`) a document written
    /// from the model that ``DataModel/parse(xml:file:)`` reads back to the same models.
    public var xmlBytes: [UInt8] { xml ?? Array(writtenXML.utf8) }

    /// The model written as XML: every option key explicit, labels only where known.
    public var writtenXML: String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<data-model>"]
        for model in models {
            lines.append("  <model" + attributes([("name", model.name), ("label", model.label)]) + ">")
            for field in model.fields {
                var attributes: [(String, String?)] = [("name", field.name), ("label", field.label), ("type", field.type.xmlType)]
                if case .attachment(let media) = field.type { attributes.append(("media", media.isEmpty ? "any" : media)) }
                guard field.type.takesOptions, !field.options.isEmpty else {
                    lines.append("    <field" + self.attributes(attributes) + "/>")
                    continue
                }
                lines.append("    <field" + self.attributes(attributes) + ">")
                for option in field.options {
                    let key: String =
                        switch option.key {
                        case .string(let text): text
                        case .integer(let integer): String(integer)
                        case .boolean(let flag): flag ? "true" : "false"
                        }
                    lines.append("      <option" + self.attributes([("key", key)]) + ">" + Self.escape(option.label) + "</option>")
                }
                lines.append("    </field>")
            }
            for relationship in model.belongsTo {
                lines.append("    <belongs-to" + attributes([("model", relationship.model), ("name", relationship.name)]) + "/>")
            }
            for relationship in model.hasMany {
                let pairs = [("model", relationship.model), ("name", relationship.name), ("inverse-of", relationship.inverseOf)]
                lines.append("    <has-many" + attributes(pairs) + "/>")
            }
            lines.append("    <display>" + Self.escape(model.display.source) + "</display>")
            for index in model.indexes {
                let on = index.keys.map { ($0.descending ? "-" : "") + $0.name }.joined(separator: ",")
                let database = Set(index.databases) == ["app", "cloud"] ? nil : index.databases.joined(separator: ",")
                lines.append("    <index" + attributes([("on", on), ("name", index.name), ("database", database)]) + "/>")
            }
            lines.append("  </model>")
        }
        lines.append("</data-model>")
        return lines.joined(separator: "\n") + "\n"
    }

    private func attributes(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in value.map { " \(name)=\"\(Self.escape($0))\"" } }.joined()
    }

    /// Escapes the five XML special characters; other text passes unchanged.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
