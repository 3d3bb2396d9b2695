import Foundation
import Testing
import ConformShape
@testable import ConformSpec

/// Writes YAML into a fresh temporary folder and loads it the way `conform validate` does.
struct SpecFixture {
    let folder: String

    init(_ files: [String: String]) throws {
        folder = NSTemporaryDirectory() + "conform-spec-" + UUID().uuidString
        for (name, text) in files {
            let path = folder + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    func path(_ name: String) -> String { folder + "/" + name }

    func diagnostics(known: Set<String> = [], environment: [String: String] = [:]) -> [String] {
        let loader = SpecLoader(knownVariables: known, environment: environment)
        do {
            _ = try loader.load(paths: [folder])
            return []
        } catch {
            // Print paths relative to the fixture folder so expectations stay readable.
            return error.diagnostics.map { $0.description.replacingOccurrences(of: folder + "/", with: "") }
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

let validSpec = """
spec: 1
name: Retrieve a single object
endpoint: GET /objects/{model}/{id}.json
tags: [objects, read]
vars:
  model: task
cases:
  - name: creates a task to read back
    request:
      method: POST
      path: /objects/${model}.json
      json: { task: { name: "Wash dishes", status: 0 } }
    expect:
      status: 200
      shape: { type: object, required: [id] }
    capture: { task_id: $.id, etag: { header: ETag } }
  - name: reads it back
    request: { method: get, path: "/objects/task/${task_id}.json", query: { embed: category } }
    expect:
      status: [200, 2xx]
      headers: { Content-Type: { contains: json } }
      values: { $.status.key: 0, $.status.display: Open, $.id: "${task_id}" }
teardown:
  - request: { method: DELETE, path: "/objects/task/${task_id}.json" }
    expect: { status: 200, body: empty }
"""

@Suite struct SpecLoaderTests {
    @Test func loadsACompleteSpec() throws {
        let fixture = try SpecFixture(["get.yaml": validSpec])
        defer { fixture.remove() }
        let specs = try SpecLoader(environment: [:]).load(paths: [fixture.folder])
        let spec = try #require(specs.first)
        #expect(spec.name == "Retrieve a single object")
        #expect(spec.endpoint.description == "GET /objects/{model}/{id}.json")
        #expect(spec.tags == ["objects", "read"])
        #expect(spec.cases.map(\.id) == ["creates-a-task-to-read-back", "reads-it-back"])
        let first = spec.cases[0].step
        #expect(first.request.method == "POST")
        guard case .json(let body)? = first.request.body else { Issue.record("expected a JSON body"); return }
        #expect(body == .value(["task": ["name": "Wash dishes", "status": 0]]))
        #expect(first.captures.map(\.variable) == ["task_id", "etag"])
        let second = spec.cases[1].step
        #expect(second.request.method == "GET")
        #expect(second.expect.status?.matches(204) == true)
        #expect(second.expect.status?.matches(404) == false)
        #expect(second.expect.values.map(\.path.description) == ["$.status.key", "$.status.display", "$.id"])
        #expect(spec.teardown.count == 1)
        #expect(spec.cases[1].location.line == 17)
    }

    @Test(arguments: [
        // (YAML fragment replacing the expect block of the first case, expected diagnostic)
        ("    expect:\n      stauts: 200\n",
         "get.yaml:14:7: error: unknown key `cases[0].expect.stauts`, did you mean `status`?"),
        ("    expect:\n      status: 2000\n",
         "get.yaml:14:15: error: `2000` is not an HTTP status: use a code from 100 to 599 or a class like `2xx`"),
        ("    expect:\n      status: 6xx\n",
         "get.yaml:14:15: error: `6xx` is not an HTTP status: use a code from 100 to 599 or a class like `2xx`"),
        ("    expect:\n      status: 0200\n",
         "get.yaml:14:15: error: `0200` is not an HTTP status: use a code from 100 to 599 or a class like `2xx`"),
        ("    expect:\n      status: 099\n",
         "get.yaml:14:15: error: `099` is not an HTTP status: use a code from 100 to 599 or a class like `2xx`"),
        ("    expect:\n      status: 600\n",
         "get.yaml:14:15: error: `600` is not an HTTP status: use a code from 100 to 599 or a class like `2xx`"),
        ("    expect:\n      status: +200\n",
         "get.yaml:14:15: error: `+200` is not an HTTP status: use a code from 100 to 599 or a class like `2xx`"),
        ("    expect:\n      status: 20\n",
         "get.yaml:14:15: error: `20` is not an HTTP status: use a code from 100 to 599 or a class like `2xx`"),
        ("    expect:\n      status: \"200\"\n",
         "get.yaml:14:15: error: `200` is not an HTTP status: use a code from 100 to 599 or a class like `2xx`"),
        ("    expect:\n      values: { \"objects[0]\": 1 }\n",
         "get.yaml:14:17: error: invalid JSON path \"objects[0]\": a JSON path starts with '$', e.g. '$.id'"),
        ("    expect:\n      headers: [a]\n",
         "get.yaml:14:16: error: `cases[0].expect.headers` must map header names to expected values"),
        ("    expect:\n      body: { empty: maybe }\n",
         "get.yaml:14:22: error: `cases[0].expect.body.empty` must be true or false, found a string"),
    ])
    func reportsExpectationErrorsWithPositions(fragment: String, expected: String) throws {
        let yaml = """
        spec: 1
        name: N
        endpoint: GET /x
        cases:
          - name: one
            request: { method: GET, path: /x }

        """
        // Line 13 is the `expect:` key after the padding below.
        let padded = yaml + String(repeating: "\n", count: 6) + fragment
        let fixture = try SpecFixture(["get.yaml": padded])
        defer { fixture.remove() }
        #expect(fixture.diagnostics() == [expected])
    }

    @Test func reportsEveryProblemInTheFile() throws {
        let fixture = try SpecFixture(["bad.yaml": """
        spec: 2
        nmae: N
        endpoint: FETCH /x
        stability: betta
        cases:
          - name: a
            request: { method: GIT, path: x }
          - name: b
            request: { method: GET, path: "/b" }
          - name: b
            request: { method: GET, path: "/c" }
        """])
        defer { fixture.remove() }
        #expect(fixture.diagnostics() == [
            "bad.yaml:1:1: error: the spec is missing the required key `name`",
            "bad.yaml:1:7: error: unsupported spec format version 2; this Conform reads `spec: 1`",
            "bad.yaml:2:1: error: unknown key `nmae`, did you mean `name`?",
            "bad.yaml:3:11: error: `endpoint` must be a method and a path, e.g. `GET /objects/{model}.json`, found \"FETCH /x\"",
            "bad.yaml:4:12: error: `stability` must be one of stable, beta, found `betta`, did you mean `beta`?",
            "bad.yaml:7:24: error: unknown HTTP method `GIT`, did you mean `GET`?",
            "bad.yaml:7:35: error: `path` is appended to the target's base URL and must start with `/`, found \"x\"",
            "bad.yaml:10:5: error: two cases are named \"b\" (the first at line 8); case names must be unique in a file",
        ])
    }

    @Test func checksVariablesBeforeAnythingIsSent() throws {
        let fixture = try SpecFixture(["vars.yaml": """
        spec: 1
        name: N
        endpoint: GET /x
        vars: { model: task }
        cases:
          - name: uses a capture too early
            request: { method: GET, path: "/objects/${modle}/${task_id}.json", headers: { X-Home: "${env.CONFORM_TEST_UNSET}" } }
          - name: captures it
            request: { method: POST, path: "/objects/${model}.json" }
            capture: { task_id: $.id }
          - name: uses a target variable and a function
            request: { method: PUT, path: "/objects/${field_name}/${uuid()}.json" }
        """])
        defer { fixture.remove() }
        #expect(fixture.diagnostics(known: ["field_name"]) == [
            "vars.yaml:7:45: error: unknown variable `${modle}`, did you mean `${model}`? (define it under `vars`, capture it in an earlier case, or pass --var modle=...)",
            "vars.yaml:7:54: error: `${task_id}` is used before it is captured (line 10); cases run in order",
            "vars.yaml:7:92: error: environment variable `CONFORM_TEST_UNSET` is not set (used as `${env.CONFORM_TEST_UNSET}`)",
        ])
        #expect(fixture.diagnostics(known: []).contains {
            $0.hasPrefix("vars.yaml:12:45: error: unknown variable `${field_name}`")
        })
    }

    @Test func reportsYAMLSyntaxErrorsWithPosition() throws {
        let fixture = try SpecFixture(["broken.yaml": "spec: 1\nname: [unclosed\nendpoint: GET /x\n"])
        defer { fixture.remove() }
        let diagnostics = fixture.diagnostics()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("broken.yaml:3:") == true)
        #expect(diagnostics.first?.contains("YAML syntax") == true)
    }

    @Test func rejectsDuplicateKeys() throws {
        let fixture = try SpecFixture(["dup.yaml": "spec: 1\nname: a\nname: b\nendpoint: GET /x\ncases: []\n"])
        defer { fixture.remove() }
        #expect(fixture.diagnostics() == ["dup.yaml:2:1: error: key `name` is written more than once in this mapping"])
    }

    @Test func discoveryFindsSpecsButNotShapesOrConfig() throws {
        let fixture = try SpecFixture([
            "b/get.yaml": validSpec, "a.yml": validSpec, "shapes/object.yaml": "type: object",
            "conform.yaml": "conform: 1", "_draft.yaml": "x: 1", "notes.txt": "x",
        ])
        defer { fixture.remove() }
        let files = try SpecDiscovery.specFiles(in: [fixture.folder]).map { $0.replacingOccurrences(of: fixture.folder + "/", with: "") }
        #expect(files == ["a.yml", "b/get.yaml"])
    }

    /// Folders are told from files by what the directory listing says, and by `stat` for a
    /// symbolic link: a linked folder is walked, a linked file is a spec, a dangling link and a
    /// folder named like a spec file are not specs.
    @Test func discoveryFollowsLinksAndTellsFoldersFromFiles() throws {
        let fixture = try SpecFixture(["real/get.yaml": validSpec, "one.yaml": validSpec, "odd.yaml/inner.yaml": validSpec])
        defer { fixture.remove() }
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: fixture.path("linked"), withDestinationPath: fixture.path("real"))
        try manager.createSymbolicLink(atPath: fixture.path("two.yaml"), withDestinationPath: fixture.path("one.yaml"))
        try manager.createSymbolicLink(atPath: fixture.path("gone.yaml"), withDestinationPath: fixture.path("nowhere.yaml"))
        let files = try SpecDiscovery.specFiles(in: [fixture.folder]).map { $0.replacingOccurrences(of: fixture.folder + "/", with: "") }
        #expect(files.sorted() == ["linked/get.yaml", "odd.yaml/inner.yaml", "one.yaml", "real/get.yaml", "two.yaml"])
    }

    /// A file named more than once (directly, through its folder, with `.` or `..`) is one spec,
    /// in the place it was first found; one folder or one file alone is taken as found.
    @Test func discoveryTakesEachFileOnceWhateverPathsNameIt() throws {
        let fixture = try SpecFixture(["a.yaml": validSpec, "sub/b.yaml": validSpec])
        defer { fixture.remove() }
        let root = fixture.folder
        func found(_ paths: [String]) throws -> [String] {
            try SpecDiscovery.specFiles(in: paths).map { $0.replacingOccurrences(of: root + "/", with: "") }
        }
        #expect(try found([root]) == ["a.yaml", "sub/b.yaml"])
        #expect(try found([root + "/a.yaml"]) == ["a.yaml"])
        #expect(try found([root + "/sub/../a.yaml"]) == ["sub/../a.yaml"])
        #expect(try found([root, root + "/a.yaml", root + "/./a.yaml", root + "/sub/../a.yaml", root + "/sub"]) == ["a.yaml", "sub/b.yaml"])
        #expect(try found([root + "/sub/b.yaml", root]) == ["sub/b.yaml", "a.yaml"])
    }

    @Test func missingPathIsAClearError() {
        #expect(throws: SpecLoadFailure.self) { try SpecDiscovery.specFiles(in: ["/nonexistent/conform"]) }
    }
}

@Suite struct JSONBodyTemplateTests {
    /// A body without `${` is read straight to its value; one with a placeholder anywhere,
    /// or an escaped `$${`, goes through templates. Both must give what the YAML says.
    @Test func bodiesWithoutPlaceholdersAreTheirPlainValue() throws {
        let plain = try SourceNode.parse(yaml: "b: {task: {n: 1, x: 'y', l: [true, null, 2.5, \"$5\"], \"$k\": \"a$\"}}", file: "t.yaml")
        let template = try JSONTemplate(node: try #require(member(plain, "b")))
        let expected: JSONValue = ["task": ["n": 1, "x": "y", "l": [true, .null, 2.5, "$5"], "$k": "a$"]]
        #expect(template == .value(expected))

        let escaped = try SourceNode.parse(yaml: "b: {k: \"$${literal}\", l: [1]}", file: "t.yaml")
        #expect(try JSONTemplate(node: try #require(member(escaped, "b"))) == .value(["k": "${literal}", "l": [1]]))

        let live = try SourceNode.parse(yaml: "b: {k: \"${id}\", l: [1]}", file: "t.yaml")
        guard case .object(let members) = try JSONTemplate(node: try #require(member(live, "b"))) else {
            Issue.record("a placeholder must keep the body a template")
            return
        }
        #expect(members.map(\.key.source) == ["k", "l"])
        #expect(members.last?.value == .value([1]))
    }

    func member(_ node: SourceNode, _ key: String) -> SourceNode? {
        guard case .mapping(let entries, _) = node else { return nil }
        return entries.first { $0.key == key }?.value
    }
}

@Suite struct ScalarTypingTests {
    @Test(arguments: [
        ("1", JSONValue.integer(1)), ("-3", .integer(-3)), ("1.0", .double(1)), ("1e3", .double(1000)),
        ("true", .bool(true)), ("false", .bool(false)), ("yes", .string("yes")), ("null", .null), ("~", .null),
        ("007", .string("007")), ("2015-02-05", .string("2015-02-05")), ("0x1F", .string("0x1F")), (".inf", .string(".inf")),
        ("Null", .null), ("NULL", .null), ("True", .bool(true)), ("TRUE", .bool(true)), ("False", .bool(false)),
        ("FALSE", .bool(false)), ("nil", .string("nil")), ("Yes", .string("Yes")), ("+1", .string("+1")), (".5", .string(".5")),
        ("-x", .string("-x")), ("~x", .string("~x")), ("é", .string("é")), ("", .null),
    ])
    func plainScalarsGetJSONTypes(text: String, expected: JSONValue) throws {
        let node = try SourceNode.parse(yaml: "v: \(text)", file: "t.yaml")
        #expect(node.jsonValue["v"] == expected)
    }

    @Test func quotedScalarsStayStrings() throws {
        let node = try SourceNode.parse(yaml: "a: \"1\"\nb: 'true'\nc: |\n  1\n", file: "t.yaml")
        #expect(node.jsonValue == ["a": "1", "b": "true", "c": "1\n"])
    }

    @Test func sourceMapPointsAtKeys() throws {
        let node = try SourceNode.parse(yaml: "type: object\nproperties:\n  a/b: { type: string }\n", file: "s.yaml")
        var map = SourceMap(file: "s.yaml")
        _ = node.jsonValue(map: &map)
        #expect(map.location(of: "/properties/a~1b/type").description == "s.yaml:3:10")
        #expect(map.location(of: "/properties/a~1b/nope").description == "s.yaml:3:3")
    }
}

@Suite struct TemplateTests {
    let here = SourceLocation(file: "t.yaml", line: 1, column: 1)

    @Test func parsesReferences() throws {
        let t = try Template(parsing: "/objects/${model}/${ uuid() }.json?x=${env.HOME}&o=${target.origin}&$${lit}", at: here)
        #expect(t.references == [.variable("model"), .function("uuid"), .environment("HOME"), .target("origin")])
        #expect(!t.isSingleReference)
        #expect(try Template(parsing: "${id}", at: here).isSingleReference)
    }

    @Test func literalTextAroundPlaceholdersIsKeptExactly() throws {
        let t = try Template(parsing: "a$b${x}c$$d$${e}€$", at: here)
        #expect(t.parts == [.literal("a$b"), .reference(.variable("x")), .literal("c$$d${e}€$")])
        #expect(try Template(parsing: "$", at: here).parts == [.literal("$")])
        #expect(try Template(parsing: "", at: here).parts == [.literal("")])
        #expect(try Template(parsing: "${a}${b}", at: here).parts == [.reference(.variable("a")), .reference(.variable("b"))])
    }

    @Test(arguments: [
        ("${", "unclosed `${` in \"${\""),
        ("${uuidd()}", "unknown function `uuidd()` in \"${uuidd()}\"; did you mean `uuid()`? (functions: uuid(), now(), today(), timestamp(), random_suffix())"),
        ("${target.orign}", "unknown target fact `target.orign`; did you mean `target.origin`? (known: target.base_url, target.origin, target.path, target.deployment_id)"),
        ("${a-b}", "`${a-b}` is not a variable name (letters, digits and `_`)"),
    ])
    func rejectsBadPlaceholders(text: String, message: String) {
        do {
            _ = try Template(parsing: text, at: here)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == message)
        }
    }

    @Test(arguments: [
        ("${id}", true), ("a€${x}", true), ("$${lit}", true), ("x$", false), ("$ {x}", false),
        ("{$}", false), ("", false), ("plain text", false), ("€$€{", false),
    ])
    func placeholderStartIsFoundInTheBytes(text: String, found: Bool) {
        #expect(JSONTemplate.hasPlaceholderStart(text) == found)
        #expect(JSONTemplate.hasPlaceholderStart(text) == text.contains("${"), "agrees with Foundation")
    }

    @Test func suggestionsPreferCloseWords() {
        #expect(Suggestion.closest(to: "stauts", in: ["status", "headers", "shape"]) == "status")
        #expect(Suggestion.closest(to: "requried", in: ["required", "request"]) == "required")
        #expect(Suggestion.closest(to: "zzz", in: ["status"]) == nil)
    }
}

@Suite struct SpecErrorOutputTests {
    /// Error output is bounded whatever the spec holds: long values are cut, many errors counted.
    @Test func longMessagesAreCutAndManyErrorsCounted() {
        let here = SourceLocation(file: "big.yaml", line: 1, column: 1)
        let huge = String(repeating: "x", count: 5_000_000)
        var diagnostics = [Diagnostic(.invalidValue, "unknown HTTP method `\(huge)`", at: here)]
        for line in 2...10_000 { diagnostics.append(Diagnostic(.duplicateName("k"), "duplicate key `k`", at: SourceLocation(file: "big.yaml", line: line, column: 1))) }
        let lines = SpecLoadFailure(diagnostics).summarisedLines
        #expect(lines.count == SpecLoadFailure.shownPerFile + 1)
        #expect(lines[0].count < SpecLoadFailure.messageLimit + 100 && lines[0].contains("… (cut;"))
        #expect(lines.last == "… 9950 more errors not shown (at most 50 per file, 200 in all)")
        #expect(lines.reduce(0) { $0 + $1.utf8.count } < 50_000)
    }
}

@Suite struct UnicodeFileNameTests {
    static func spec(_ name: String) -> String {
        """
        spec: 1
        name: \(name)
        endpoint: GET /x
        cases:
          - name: reads
            request: { method: GET, path: /x }
            expect: { status: 200, shape: { type: object } }
        """
    }

    @Test func twoFilesWhoseNamesDifferOnlyByNormalisationAreTwoSpecs() throws {
        // "é" precomposed and "e" + combining acute: two names on disk, one to Swift's `==`.
        // (Not a dictionary literal: Swift would call the two keys one.)
        let fixture = try SpecFixture(["conform.yaml": "conform: 1\n"])
        defer { fixture.remove() }
        try Self.spec("composed").write(toFile: fixture.folder + "/caf\u{00E9}.yaml", atomically: true, encoding: .utf8)
        try Self.spec("decomposed").write(toFile: fixture.folder + "/cafe\u{0301}.yaml", atomically: true, encoding: .utf8)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.folder).count == 3)
        let specs = try SpecLoader(knownVariables: []).load(paths: [fixture.folder])
        #expect(Set(specs.map(\.name)) == ["composed", "decomposed"])
        let shapes = try ShapeLibrary.compile(specs)
        #expect(shapes.count == 2)
    }

    /// The same `$ref` from two folders whose names differ only by normalisation reaches two
    /// shape files: the compiled-target cache keys folders code point by code point.
    @Test func aSharedShapeRefFromTwoLookAlikeFoldersReachesTwoFiles() throws {
        let fixture = try SpecFixture(["conform.yaml": "conform: 1\n"])
        defer { fixture.remove() }
        for (folder, type) in [("caf\u{00E9}", "string"), ("cafe\u{0301}", "integer")] {
            let root = fixture.folder + "/" + folder
            try FileManager.default.createDirectory(atPath: root + "/shapes", withIntermediateDirectories: true)
            try "type: \(type)\n".write(toFile: root + "/shapes/x.yaml", atomically: true, encoding: .utf8)
            try """
            spec: 1
            name: \(type)
            endpoint: GET /x
            cases:
              - name: reads
                request: { method: GET, path: /x }
                expect: { status: 200, shape: { $ref: shapes/x.yaml } }
            """.write(toFile: root + "/spec.yaml", atomically: true, encoding: .utf8)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.folder).count == 3)
        let (specs, shapes) = try SpecLoader(knownVariables: []).loadCompilingShapes(paths: [fixture.folder])
        #expect(specs.count == 2)
        for spec in specs {
            let source = try #require(spec.cases.first?.step.expect.shape)
            let schema = try #require(shapes[source])
            #expect(schema.check(.string("a")).passed == (spec.name == "string"), "\(spec.name)")
            #expect(schema.check(.integer(1)).passed == (spec.name == "integer"), "\(spec.name)")
        }
    }

    /// Shapes compiled by the loading workers, file by file in whatever order they finish,
    /// give what loading and then compiling gives: the same shapes, the same problems in the
    /// same order.
    @Test func shapesCompiledWhileLoadingAreTheSameAsAfterwards() throws {
        func spec(_ index: Int, shape: String) -> String {
            """
            spec: 1
            name: spec \(index)
            endpoint: GET /x
            cases:
              - name: reads
                request: { method: GET, path: /x }
                expect: { status: 200, shape: \(shape) }
              - name: reads again
                request: { method: GET, path: /x }
                expect: { status: 200, shape: { $ref: shapes/shared.yaml } }
            """
        }
        var good = ["conform.yaml": "conform: 1\n", "shapes/shared.yaml": "type: object\nrequired: [id]\n"]
        for index in 0..<40 { good["s\(index).yaml"] = spec(index, shape: index % 3 == 0 ? "{ type: object }" : "{ $ref: shapes/shared.yaml }") }
        let fixture = try SpecFixture(good)
        defer { fixture.remove() }
        let loader = SpecLoader(knownVariables: [])
        let (specs, shapes) = try loader.loadCompilingShapes(paths: [fixture.folder])
        #expect(specs.map(\.name) == (try loader.load(paths: [fixture.folder])).map(\.name))
        #expect(shapes.count == (try ShapeLibrary.compile(specs)).count)

        var bad = good
        bad["shapes/broken.yaml"] = "type: [object\n"
        for index in stride(from: 1, to: 40, by: 4) { bad["s\(index).yaml"] = spec(index, shape: "{ type: objekt }") }
        for index in stride(from: 2, to: 40, by: 7) { bad["s\(index).yaml"] = spec(index, shape: "{ $ref: shapes/broken.yaml }") }
        let broken = try SpecFixture(bad)
        defer { broken.remove() }
        func problems(_ body: () throws -> Void) -> [String] {
            do { try body(); return [] } catch { return (error as? SpecLoadFailure)?.diagnostics.map(\.description) ?? ["\(error)"] }
        }
        let afterwards = problems { _ = try ShapeLibrary.compile(try loader.load(paths: [broken.folder])) }
        #expect(afterwards.count > 10)
        for _ in 0..<3 {
            #expect(problems { _ = try loader.loadCompilingShapes(paths: [broken.folder]) } == afterwards)
        }
        // Added from many threads at once, most finding another one compiling (and leaving
        // their spec to it): the same shapes and problems.
        let goodSpecs = try loader.load(paths: [fixture.folder]), brokenSpecs = try loader.load(paths: [broken.folder])
        for _ in 0..<5 {
            for (suite, expected) in [(goodSpecs, [String]()), (brokenSpecs, afterwards)] {
                let compilation = ShapeCompilation(specPaths: suite.map(\.path))
                DispatchQueue.concurrentPerform(iterations: suite.count) { index in compilation.add(suite[index], index: index) }
                var count = 0
                #expect(problems { count = try compilation.finish().count } == expected)
                if expected.isEmpty { #expect(count == shapes.count) }
            }
        }
    }
}
