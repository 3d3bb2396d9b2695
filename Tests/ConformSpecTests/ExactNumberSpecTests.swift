import Testing
import ConformShape
@testable import ConformSpec

/// Numbers in spec files keep every digit: YAML scalars go through the exact JSON number
/// reader, so a schema can say `multipleOf: 1e-400` and a value can be a 30-digit integer.
@Suite struct ExactNumberSpecTests {
    static let spec = """
    spec: 1
    name: Exact numbers
    endpoint: GET /numbers
    cases:
      - name: tiny steps
        request: { method: GET, path: /numbers }
        expect:
          shape: { type: number, multipleOf: 1e-400 }
      - name: a long identifier
        request: { method: GET, path: /numbers }
        expect:
          shape: { const: 123456789012345678901234567890 }
          values: { $.id: 123456789012345678901234567890 }
    """

    @Test func tinyMultipleOfAndLongConstLoadExactly() throws {
        let fixture = try SpecFixture(["numbers.yaml": Self.spec])
        defer { fixture.remove() }
        let specs = try SpecLoader(environment: [:]).load(paths: [fixture.folder])
        let shapes = try ShapeLibrary.compile(specs)
        let spec = try #require(specs.first)
        let long = try #require(JSONDecimal("123456789012345678901234567890"))

        let tiny = try #require(spec.cases[0].step.expect.shape)
        #expect(tiny.schema["multipleOf"] == .decimal(try #require(JSONDecimal("1e-400"))))
        let tinySchema = try #require(shapes[tiny])
        #expect(tinySchema.check(try JSONValue.parse("3e-400")).passed)
        #expect(tinySchema.check(try JSONValue.parse("1")).passed)
        #expect(!tinySchema.check(try JSONValue.parse("1e-401")).passed)

        let constant = try #require(spec.cases[1].step.expect.shape)
        #expect(constant.schema["const"] == .decimal(long))
        let constantSchema = try #require(shapes[constant])
        #expect(constantSchema.check(try JSONValue.parse("123456789012345678901234567890")).passed)
        #expect(!constantSchema.check(try JSONValue.parse("123456789012345678901234567891")).passed)

        let values = spec.cases[1].step.expect.values
        #expect(values.map(\.expected) == [.value(.decimal(long))])
    }

    @Test(arguments: [
        ("1e-400", "1e-400"), ("1e400", "1e+400"), ("0.30000000000000001", "0.30000000000000001"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
    ])
    func plainScalarsKeepEveryDigit(text: String, written: String) throws {
        let node = try SourceNode.parse(yaml: "v: \(text)", file: "t.yaml")
        let value = try #require(node.jsonValue["v"])
        #expect(value.compactText == written)
        guard case .mapping(let entries, _) = node else { Issue.record("expected a mapping"); return }
        #expect(entries[0].value.kindDescription == "a number")
    }
}
