extension DataModel {
    /// ``shippedXML`` parsed: the default model of `conform mock`.
    ///
    /// The text is a constant of this module and a test parses it, so a failure here is a
    /// build defect, not bad input.
    public static let shipped: DataModel = {
        do {
            return try parse(xml: Array(shippedXML.utf8), file: "Specs/datamodel.xml")
        } catch {
            preconditionFailure("the embedded Specs/datamodel.xml does not parse:\n\(error)")
        }
    }()
}
