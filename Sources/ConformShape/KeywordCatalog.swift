/// Which schema keywords exist here, and what to tell someone who wrote one that does not.
///
/// An unknown keyword is always a compile error: in a contract test, a typo such as
/// `requried` that silently checks nothing is worse than no test at all.
enum KeywordCatalog {
    /// Keywords that check or apply subschemas.
    static let assertions: Set<String> = [
        "type", "enum", "const",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "minLength", "maxLength", "pattern", "format",
        "properties", "required", "additionalProperties", "patternProperties", "propertyNames",
        "minProperties", "maxProperties", "dependentRequired", "dependentSchemas",
        "items", "prefixItems", "minItems", "maxItems", "uniqueItems",
        "contains", "minContains", "maxContains",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
        "$ref", "$defs", "definitions",
    ]

    /// Keywords accepted and ignored (they inform people, not the check), plus the
    /// identifiers (`$id`, `$anchor`) that `$ref` resolution reads.
    static let annotations: Set<String> = [
        "$schema", "$id", "$anchor", "$comment", "title", "description", "default", "examples",
        "deprecated", "readOnly", "writeOnly",
    ]

    static let all: Set<String> = assertions.union(annotations)

    /// `$schema` values accepted: 2020-12 itself, and OpenAPI 3.1's default dialect (which is
    /// 2020-12 plus annotations). Any other dialect (draft 7 applies `$ref` differently; a
    /// custom meta-schema may switch vocabularies off) is refused rather than misread.
    static let supportedDialects = [
        "https://json-schema.org/draft/2020-12/schema",
        "https://json-schema.org/draft/2020-12/schema#",
        "https://spec.openapis.org/oas/3.1/dialect/base",
    ]

    /// Unsupported keywords that `hint(for:in:)` has advice for; a typo of one of them
    /// (`nulable`) gets the same advice.
    static let hinted = [
        "nullable", "discriminator", "unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$dynamicAnchor",
        "$recursiveRef", "$recursiveAnchor", "additionalItems", "dependencies", "example", "x-nullable",
        "contentMediaType", "contentEncoding", "contentSchema", "$vocabulary",
    ]

    /// Keywords people bring from other dialects (OpenAPI 3.0, older drafts) or from the
    /// parts of 2020-12 this checker leaves out, with what to write instead.
    static func hint(for keyword: String, in schema: JSONObject) -> String? {
        switch keyword {
        case "nullable":
            return "use `type: [\(nullableTypeExample(schema)), \"null\"]` (OpenAPI 3.0's `nullable` is not JSON Schema)"
        case "discriminator":
            return "use `oneOf` with a `const` on the tag property in each alternative"
        case "unevaluatedProperties":
            return "not supported; use `additionalProperties: false` on the object schema"
        case "unevaluatedItems":
            return "not supported; use `items: false` after `prefixItems`"
        case "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor":
            return "not supported; use `$ref`"
        case "additionalItems":
            return "use `items` (in 2020-12 `items` applies after `prefixItems`)"
        case "dependencies":
            return "use `dependentRequired` or `dependentSchemas`"
        case "example":
            return "use `examples: [...]` (a list)"
        case "x-nullable":
            return "use `type: [\(nullableTypeExample(schema)), \"null\"]`"
        case "contentMediaType", "contentEncoding", "contentSchema", "$vocabulary":
            return "not supported"
        default:
            return nil
        }
    }

    private static func nullableTypeExample(_ schema: JSONObject) -> String {
        if case .string(let type)? = schema["type"] { return type }
        return "string"
    }

    /// The candidate with the smallest edit distance, if at most a third of the word changed
    /// (and at most 3 edits); ties go to the first candidate.
    static func closest(to word: String, among candidates: [String]) -> String? {
        Suggestion.closest(to: word, in: candidates)
    }

    static func editDistance(_ a: String, _ b: String) -> Int { Suggestion.editDistance(a, b) }
}
