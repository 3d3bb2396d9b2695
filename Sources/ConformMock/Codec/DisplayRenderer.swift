import ConformDataModel

/// Renders a model's display format for one object (reference §21.7). The docs leave the
/// rendering of values open [NF]; the mock writes `null` as empty text, choices and booleans
/// as their labels, dates and datetimes in API form, and `{rel}` as the related object's own
/// display. Computed on every read, so it follows changes to related objects.
struct DisplayRenderer {
    let dataModel: DataModel
    let store: ObjectStore
    /// `{rel}` chains deeper than this render empty, so cyclic displays terminate.
    static let maximumDepth = 4

    func display(of object: StoredObject, model: Model, depth: Int = 0) -> String {
        var text = ""
        for part in model.display.parts {
            switch part {
            case .literal(let literal): text += literal
            case .token(let path, let specifier): text += resolve(path, specifier: specifier, object: object, model: model, depth: depth)
            case .function: break  // `{$:fn()}` is not evaluated in data-model formats
            }
        }
        return text
    }

    private func resolve(_ path: [String], specifier: String?, object: StoredObject, model: Model, depth: Int) -> String {
        guard let head = path.first else { return "" }
        let rest = Array(path.dropFirst())
        if let relationship = model.belongsTo(named: head) {
            guard depth < Self.maximumDepth, let id = object.relationships[relationship.name],
                let related = store.object(model: relationship.model, id: id),
                let relatedModel = dataModel.model(named: relationship.model)
            else { return "" }
            return rest.isEmpty
                ? display(of: related, model: relatedModel, depth: depth + 1)
                : resolve(rest, specifier: specifier, object: related, model: relatedModel, depth: depth + 1)
        }
        if let field = model.field(named: head) {
            return object.values[field.name].map { text(of: $0, field: field, specifier: specifier) } ?? ""
        }
        if head.hasSuffix("_id") {
            let base = String(head.dropLast(3))
            if let relationship = model.belongsTo(named: base) { return object.relationships[relationship.name] ?? "" }
            if case .attachment(let id)? = object.values[base] { return id }
        }
        return ""
    }

    private func text(of value: StoredValue, field: Field, specifier: String?) -> String {
        switch value {
        case .text(let text): return text
        case .integer(let integer): return NumberText.format(Double(integer), specifier: specifier) ?? String(integer)
        case .number(let number):
            if case .integer(let integer) = number { return NumberText.format(Double(integer), specifier: specifier) ?? String(integer) }
            let double = number.numberValue ?? 0
            return NumberText.format(double, specifier: specifier) ?? NumberText.plain(double)
        case .boolean(let flag): return field.option(forKey: .boolean(flag))?.label ?? ""
        case .date(let date): return date
        case .datetime(let seconds): return Timestamp.format(seconds)
        case .choice(let key): return field.option(forKey: key)?.label ?? ""
        case .choices(let keys): return keys.compactMap { field.option(forKey: $0)?.label }.joined(separator: ", ")
        case .location(let location):
            return "\(location.latitude.compactText),\(location.longitude.compactText)"
        case .attachment, .track: return ""
        }
    }
}

/// Numbers in display text.
enum NumberText {
    /// Whole doubles without `.0` (`3.0` → `3`), others in Swift's shortest form.
    static func plain(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Applies a `.Nf` specifier (N from 0 to 12); `nil` for no or another specifier.
    static func format(_ value: Double, specifier: String?) -> String? {
        guard let specifier, specifier.hasPrefix("."), specifier.hasSuffix("f"),
            let places = Int(specifier.dropFirst().dropLast()), (0...12).contains(places), value.isFinite
        else { return nil }
        var scale: Double = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e18 else { return nil }
        let digits = String(Int64(scaled))
        let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
        let whole = padded.dropLast(places)
        let fraction = padded.suffix(places)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return sign + whole + (places > 0 ? "." + fraction : "")
    }
}
