public import ConformShape
import Foundation

/// `docs/report.schema.json`, compiled by Conform's own JSON Schema checker: tests check real
/// `--report-json` output against the documented format.
public enum ReportSchema {
    public static var path: String { SharedData.packageRoot.appendingPathComponent("docs/report.schema.json").path }

    public static var snapshotPath: String { SharedData.packageRoot.appendingPathComponent("docs/snapshot.schema.json").path }

    /// The mismatches of `report` against the schema (by default the JSON report's), as text;
    /// empty when it conforms.
    public static func problems(in report: JSONValue, schemaPath: String = ReportSchema.path) throws -> [String] {
        let path = schemaPath
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var registry = SchemaRegistry()
        let schema = try registry.compile(try JSONValue.parse(text), embeddedIn: "file://" + path)
        let result = schema.check(report, options: ShapeCheckOptions(rejectUnknown: true))
        return result.mismatches.map(\.message)
    }
}
