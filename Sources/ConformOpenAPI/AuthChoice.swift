import ConformInit
import ConformShape

/// The `auth:` a generated `conform.yaml` gets, from the document's security schemes: the one
/// the document requires first (else the first declared), as a scheme Conform can send.
struct AuthChoice {
    let node: YAMLNode
    let comment: [String]
    let summary: String

    static func from(_ source: OpenAPISource) -> AuthChoice {
        guard case .object(let schemes)? = source.root["components"]?["securitySchemes"], !schemes.isEmpty else {
            return AuthChoice(node: .string("none"), comment: ["The document declares no security scheme."], summary: "none")
        }
        let required = source.root["security"]?.arrayValue?.compactMap { $0.objectValue?.keys.first }.first
        let name = required.flatMap { schemes.contains($0) ? $0 : nil } ?? schemes.keys[0]
        guard let scheme = source.dereferenced(schemes[name]) else {
            return AuthChoice(node: .string("none"), comment: ["Security scheme `\(name)` could not be read."], summary: "none")
        }
        let origin = "From security scheme `\(name)`; the secret comes from CONFORM_TOKEN (or name another variable with token_env)."
        switch (scheme["type"]?.stringValue, scheme["scheme"]?.stringValue?.lowercased(), scheme["in"]?.stringValue) {
        case ("http", "bearer", _):
            return AuthChoice(node: .string("bearer"), comment: [origin], summary: "bearer")
        case ("http", "basic", _):
            return AuthChoice(node: .string("basic"),
                              comment: ["From security scheme `\(name)`; CONFORM_USERNAME and CONFORM_PASSWORD hold the credentials."],
                              summary: "basic")
        case ("apiKey", _, let location?) where location == "header" || location == "query":
            let parameter = scheme["name"]?.stringValue ?? "api_key"
            return AuthChoice(node: .map([("scheme", .string(location)), ("name", .string(parameter))]), comment: [origin],
                              summary: "\(location) \(parameter)")
        case ("oauth2", _, _), ("openIdConnect", _, _):
            return AuthChoice(node: .string("bearer"),
                              comment: ["From security scheme `\(name)` (\(scheme["type"]?.stringValue ?? "")): Conform does not run the flow;",
                                        "put an access token in CONFORM_TOKEN."], summary: "bearer (an OAuth access token)")
        default:
            return AuthChoice(node: .string("none"),
                              comment: ["Security scheme `\(name)` (\(scheme["type"]?.stringValue ?? "?")) is not one Conform can send."],
                              summary: "none")
        }
    }
}
