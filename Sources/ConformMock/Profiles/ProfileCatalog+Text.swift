extension ProfileCatalog {
    /// The catalog as `conform mock --list-profiles` prints it: each kind, what it does, its
    /// parameter, and every endpoint it applies to with the default it uses there.
    public static var text: String {
        var text = "Profiles: conform mock --profile KIND[=VALUE][@ENDPOINT][#FIELD][%SCHEDULE] (repeat to combine)\n"
        text += "  @ENDPOINT  one endpoint (GET /objects/{model}.json), a path for every method, or all (the default)\n"
        text += "  #FIELD     field changes only: a field of each record, or a locator such as $.entries[*].object.updated_at\n"
        text += "  %SCHEDULE  %N acts on one targeted request in N, starting with the first; %first:N on the first N only\n"
        for entry in entries {
            text += "\n\(entry.kind)\n  \(entry.summary)\n"
            if let parameter = entry.parameter { text += "  =VALUE: \(parameter)\n" }
            guard entry.kind != .faithful else { continue }
            if entry.kind.family != .breaking {
                text += "  applies to: every endpoint and unknown routes"
                text += entry.kind == .additive ? ", and adds \(additiveEndpoint)\n" : "\n"
                continue
            }
            let width = entry.endpoints.map(\.description.count).max() ?? 0
            for endpoint in entry.endpoints {
                let detail = defaultDescription(entry.kind, at: endpoint)
                let padding = String(repeating: " ", count: width - endpoint.description.count)
                text += "  \(endpoint)\(detail.isEmpty ? "" : padding + "  " + detail)\n"
            }
        }
        return text
    }

    /// What a breaking kind changes at an endpoint by default, e.g. `$.objects[*].updated_at →
    /// modified_at`; empty where the kind has one behaviour everywhere.
    static func defaultDescription(_ kind: ProfileKind, at endpoint: MockEndpoint) -> String {
        let anatomy = ResponseAnatomy.of(endpoint)
        let records = anatomy.records?.description ?? "$"
        switch kind {
        case .fieldDropped, .fieldTypeChanged, .fieldNulled:
            return defaultField(for: kind, at: endpoint).map { locate(records, $0) } ?? ""
        case .fieldRenamed:
            guard let field = defaultField(for: kind, at: endpoint) else { return "" }
            return locate(records, field) + " → " + defaultNewName(for: field, at: endpoint)
        case .choiceFlattened:
            return "every choice value of " + (anatomy.objects?.description ?? "$")
        case .listWrapperChanged:
            return anatomy.listKey.map { "$.\($0) as the bare body" } ?? ""
        default:
            return ""
        }
    }

    private static func locate(_ records: String, _ field: String) -> String {
        records == "$" ? "$." + field : records + "." + field
    }
}
