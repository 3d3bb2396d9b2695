public import ConformShape
import ConformRunner
import Foundation

/// Merges `--report-json` reports (e.g. one per `--shard`) into one: the spec files of every
/// input in path order (as one unsharded run lists them), totals summed, the drift lists joined, and the exit code and
/// verdict the whole run would have had (1 before 2 before 3 before 0, as a single run decides).
public enum JSONReportMerge {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func merge(_ paths: [String]) throws(Failure) -> JSONValue {
        var reports: [JSONValue] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "cannot read \(path)") }
            let report: JSONValue
            do { report = try JSONValue.parse(bytes: Array(data)) } catch {
                throw Failure(description: "\(path) is not JSON: \(error)")
            }
            guard report["format"] == .string(JSONReport.format) else {
                throw Failure(description: "\(path) is not a Conform JSON report (no \"format\": \"\(JSONReport.format)\")")
            }
            guard report["version"] == .integer(Int64(JSONReport.version)) else {
                throw Failure(description: "\(path) is a version \(report["version"]?.compactText ?? "?") report; this Conform merges version \(JSONReport.version)")
            }
            reports.append(report)
        }
        return try merged(reports, paths: paths)
    }

    static func merged(_ reports: [JSONValue], paths: [String]) throws(Failure) -> JSONValue {
        guard var result = reports.first.flatMap({ if case .object(let members) = $0 { members } else { nil } }) else {
            throw Failure(description: "nothing to merge")
        }
        var specs: [JSONValue] = []
        var drift: [JSONValue] = []
        var totals: [String: Int64] = [:]
        var exitCodes: [Int64] = []
        var duration = 0.0
        for (report, path) in zip(reports, paths) {
            guard case .array(let someSpecs)? = report["specs"], case .array(let someDrift)? = report["drift"],
                  case .object(let someTotals)? = report["totals"], case .integer(let exitCode)? = report["exitCode"] else {
                throw Failure(description: "\(path) lacks specs, drift, totals or exitCode")
            }
            specs += someSpecs
            drift += someDrift
            for (name, value) in someTotals { if case .integer(let count) = value { totals[name, default: 0] += count } }
            exitCodes.append(exitCode)
            switch report["duration"] {
            case .double(let seconds)?: duration += seconds
            case .integer(let seconds)?: duration += Double(seconds)
            default: break
            }
        }
        // The order of precedence a single run uses (RunResult.exitCode).
        let exitCode = [Int64(ExitCode.contractFailure), Int64(ExitCode.specError), Int64(ExitCode.transport)]
            .first(where: exitCodes.contains) ?? exitCodes.max() ?? 0
        result["specs"] = .array(JUnitMerge.inPathOrder(specs) { $0["path"]?.stringValue ?? "" })
        result["drift"] = .array(JUnitMerge.inPathOrder(drift) { $0["spec"]?.stringValue ?? "" })
        result["totals"] = .object(JSONObject(["cases", "passed", "failed", "errors", "skipped", "betaProblems"].map { ($0, .integer(totals[$0] ?? 0)) }))
        result["exitCode"] = .integer(exitCode)
        result["verdict"] = .string(exitCode == 0 ? "pass" : exitCode == Int64(ExitCode.contractFailure) ? "fail" : "error")
        result["duration"] = .double((duration * 1000).rounded() / 1000)
        return .object(result)
    }
}
