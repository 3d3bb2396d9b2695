public import ConformInit
import ConformDataModel
import ConformShape
import Foundation

/// `conform init --openapi`: a runnable suite from an OpenAPI document. One spec file per path
/// under `paths/`, one shape file per component schema under `shapes/`, `conform.yaml` with the
/// server and the auth scheme, and a README listing what was generated, what was left out and
/// why. Only requests that are safe to send are generated: reads, reads without credentials
/// (401), reads of an unknown id (404), and create → read → delete chains that clean up after
/// themselves. The same document always gives the same files.
public struct OpenAPISuiteGenerator {
    let source: OpenAPISource
    let location: String
    let baseURL: String?
    /// From `--probe`: what a run of the generated suite saw where a case did not pass, by
    /// spec name (the path) and case name. Those cases are written as beta, saying what was seen.
    let observations: [ProbeObservation]

    public init(source: OpenAPISource, location: String, baseURL: String?, observations: [ProbeObservation] = []) {
        self.source = source
        self.location = location
        self.baseURL = baseURL
        self.observations = observations
    }

    public struct Output: Sendable {
        public let suite: GeneratedSuite
        public let caseCount: Int
        public let notes: [ImportNote]
        /// Operations with no generated case, each with why.
        public let skipped: [String]
    }

    public func generate() -> Output {
        let names = ComponentNames(source.root["components"]?["schemas"]?.objectValue?.keys ?? [])
        var translator = SchemaTranslator { name, rest in
            // Shapes live in shapes/, specs in paths/: a spec refers up and over, a shape beside itself.
            "\(names.fileName(for: name))\(rest.isEmpty ? "" : "#" + rest)"
        }
        var files: [GeneratedFile] = []
        var selfNotes: [ImportNote] = []
        // Shapes: every component schema, so `$ref`s between them always resolve.
        if case .object(let schemas)? = source.root["components"]?["schemas"] {
            for (name, schema) in schemas {
                let pointer = "/components/schemas/" + JSONPointer.escaped(name)
                let translated = Self.withoutSelfApplication(translator.translate(schema, at: pointer), file: names.fileName(for: name),
                                                             pointer: pointer, notes: &selfNotes)
                files.append(GeneratedFile(path: "shapes/" + names.fileName(for: name),
                                           contents: YAMLEmitter().document(YAMLConversion.node(translated),
                                                                            header: ["Component schema `\(name)` of \(location)."])))
            }
        }
        translator.referencePrefix = "../shapes/"
        var planner = CasePlanner(source: source, translator: translator, observations: observations)
        var caseCount = 0
        if case .object(let paths)? = source.root["paths"] {
            var usedNames = Set<String>()
            for (path, item) in paths {
                guard let spec = planner.spec(for: path, item: item) else { continue }
                var name = Self.fileName(for: path)
                var counter = 2
                while !usedNames.insert(name).inserted { name = Self.fileName(for: path) + "-\(counter)"; counter += 1 }
                files.append(GeneratedFile(path: "paths/\(name).yaml", contents: spec.text))
                caseCount += spec.caseCount
            }
        }
        translator = planner.translator
        let notes = source.notes + selfNotes + planner.undeclared + translator.notes
        let auth = AuthChoice.from(source)
        files.append(GeneratedFile(path: "conform.yaml", contents: targetFile(auth: auth)))
        files.append(GeneratedFile(path: "README.md", contents: readme(caseCount: caseCount, skipped: planner.skipped, notes: notes, auth: auth)))
        files.append(record.file)
        return Output(suite: GeneratedSuite(files: files.sorted { $0.path < $1.path }), caseCount: caseCount, notes: notes,
                      skipped: planner.skipped)
    }

    /// The operations (with their documented responses) and schemas (by a fingerprint of
    /// their text) the suite is generated from, for `conform init --check`.
    public var record: GenerationRecord {
        var units: [String: [String]] = [:]
        if case .object(let paths)? = source.root["paths"] {
            for (path, item) in paths {
                for method in CasePlanner.methods {
                    guard let operation = source.dereferenced(item[method]) else { continue }
                    units["operation \(method.uppercased()) \(path)"] = operation["responses"]?.objectValue?.keys.map { "response \($0)" } ?? []
                }
            }
        }
        if case .object(let schemas)? = source.root["components"]?["schemas"] {
            for (name, schema) in schemas {
                // The compact text of a parsed value: the same schema always prints the same way.
                units["schema \(name)"] = ["definition " + String(SHA256.hexDigest(of: Array(schema.compactText.utf8)).prefix(16))]
            }
        }
        return GenerationRecord(generator: "openapi", source: location, units: units)
    }

    /// A component whose `allOf`/`anyOf`/`oneOf` names itself would be checked for ever (the
    /// shape compiler refuses it): that entry is left out, and said.
    static func withoutSelfApplication(_ schema: JSONValue, file: String, pointer: String, notes: inout [ImportNote]) -> JSONValue {
        guard case .object(var object) = schema else { return schema }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            guard case .array(let entries)? = object[keyword] else { continue }
            let kept = entries.filter { $0["$ref"] != .string(file) }
            guard kept.count != entries.count else { continue }
            notes.append(ImportNote(pointer: pointer + "/" + keyword,
                                    message: "the schema applies itself (`$ref` to itself in `\(keyword)`), which never ends; that entry is left out"))
            object[keyword] = kept.isEmpty ? nil : .array(kept)
        }
        return .object(object)
    }

    /// `/pets/{petId}` → `pets-petId`; `/` → `root`.
    static func fileName(for path: String) -> String {
        let words = path.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" && $0 != "-" && $0 != "." })
        let name = words.joined(separator: "-").replacingOccurrences(of: ".", with: "_")
        return name.isEmpty ? "root" : name
    }

    func targetFile(auth: AuthChoice) -> String {
        let server = baseURL ?? source.serverURLs.first
        var target: [YAMLEntry] = []
        if let server, server.hasPrefix("http://") || server.hasPrefix("https://") {
            target.append(YAMLEntry("base_url", .string(server)))
        } else {
            target.append(YAMLEntry("base_url", .string("${env.API_BASE_URL}"),
                                    comment: ["The document names no absolute server URL\(server.map { " (it says \($0))" } ?? ""): set API_BASE_URL,",
                                              "or pass --base-url to conform run."]))
        }
        target.append(YAMLEntry("auth", auth.node, comment: auth.comment))
        let root = YAMLNode.mapping([
            YAMLEntry("conform", .integer(1)),
            YAMLEntry("default_target", .string("api")),
            YAMLEntry("targets", .mapping([YAMLEntry("api", .mapping(target, style: .block))], style: .block)),
        ], style: .block)
        return YAMLEmitter().document(root, header: [
            "Generated by `conform init --openapi` from \(location).",
            "Secrets come from the environment, never from this file.",
        ])
    }

    func readme(caseCount: Int, skipped: [String], notes: [ImportNote], auth: AuthChoice) -> String {
        let title = source.root["info"]?["title"]?.stringValue ?? "the API"
        var text = """
            # Conform suite for \(title)

            Generated by `conform init --openapi` from \(location) (OpenAPI \(source.version.rawValue)): \(caseCount) cases in
            `paths/` (one file per path), the document's schemas in `shapes/`, the target in `conform.yaml`
            (auth: \(auth.summary)). Edit it and commit it; `conform init --openapi … --force` writes it again.

            ```sh
            conform validate .
            conform run .          # the target's base URL and credentials: see conform.yaml
            ```

            Only requests that are safe to send against a live deployment were generated: reads (GET), a
            read without credentials where security is declared (401), a read of an unknown id where 404 is
            documented, and create → read → delete chains that remove what they create. Cases marked
            `stability: beta` guess a value the document does not give (an id with no example): they
            report but do not gate until you give them a real value.

            """
        if !observations.isEmpty {
            text += "\n## Cases where the deployment and the document disagree\n\n"
                + "`--probe` ran the suite once against \(observations[0].target); these cases did not pass and are written as beta "
                + "(they report, they do not gate). Fix the document or the deployment, then remove `stability: beta`.\n\n"
                + observations.map { "- \($0.spec) — \($0.caseName): \($0.observed)" }.joined(separator: "\n") + "\n"
        }
        if !skipped.isEmpty {
            text += "\n## Operations without a generated case\n\n" + skipped.map { "- \($0)" }.joined(separator: "\n") + "\n"
        }
        if !notes.isEmpty {
            text += "\n## What the document says that these specs do not check\n\nEach with its JSON Pointer in the document.\n\n"
                + notes.map { "- `\($0.pointer.isEmpty ? "/" : $0.pointer)`: \($0.message)" }.joined(separator: "\n") + "\n"
        }
        return text
    }
}

/// A case of a generated suite that did not pass when `--probe` ran it.
public struct ProbeObservation: Sendable, Hashable {
    /// The spec's name: the document's path (`/pets/{petId}`).
    public let spec: String
    public let caseName: String
    /// What was seen, in one line (`status: expected 200, actual 302`).
    public let observed: String
    /// Where it ran.
    public let target: String

    public init(spec: String, caseName: String, observed: String, target: String) {
        self.spec = spec
        self.caseName = caseName
        self.observed = observed
        self.target = target
    }
}

/// Shape file names for component schemas: the name made safe for a file, unique.
struct ComponentNames {
    private var files: [String: String] = [:]

    init(_ names: [String]) {
        var used = Set<String>()
        for name in names {
            var base = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") ? $0 : "_" })
            if base.isEmpty { base = "schema" }
            var candidate = base
            var counter = 2
            while !used.insert(candidate.lowercased()).inserted { candidate = "\(base)_\(counter)"; counter += 1 }
            files[name] = candidate + ".yaml"
        }
    }

    func fileName(for name: String) -> String { files[name] ?? "missing-\(name).yaml" }
}

/// JSON values as the YAML emitter writes them.
enum YAMLConversion {
    static func node(_ value: JSONValue) -> YAMLNode {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .integer(let number): .integer(number)
        case .string(let text): .string(text)
        case .array(let items): .list(items.map(node))
        case .object(let object): .map(object.map { ($0, node($1)) })
        default: .number(value.numberValue ?? 0)
        }
    }
}
