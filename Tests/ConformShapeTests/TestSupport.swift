import Testing
@testable import ConformShape

/// Parses JSON text written in a test; a typo in the test itself fails loudly.
func json(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> JSONValue {
    do {
        return try JSONValue.parse(text)
    } catch {
        Issue.record("test JSON does not parse: \(error)", sourceLocation: sourceLocation)
        return .null
    }
}

/// Compiles a schema written as JSON text, registered as `uri`.
func compile(_ schemaText: String, uri: String = "/specs/shapes/test.json") throws -> CompiledSchema {
    var registry = SchemaRegistry()
    registry.register(json(schemaText), as: uri)
    return try registry.compile(uri: uri)
}

/// The compile errors of a schema that must not compile (none if it does, with an issue).
func compileErrors(_ schemaText: String, uri: String = "/specs/shapes/test.json",
    sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [SchemaCompileError]
{
    var registry = SchemaRegistry()
    registry.register(json(schemaText), as: uri)
    do {
        _ = try registry.compile(uri: uri)
        Issue.record("expected compile errors", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.errors
    }
}

/// Checks `instance` against `schema` (both JSON text).
func check(_ schemaText: String, _ instanceText: String, options: ShapeCheckOptions = .default) throws -> ShapeCheckResult {
    try compile(schemaText).check(json(instanceText), options: options)
}
