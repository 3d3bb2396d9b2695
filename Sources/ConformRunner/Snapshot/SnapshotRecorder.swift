import ConformHTTP
import ConformShape
import Foundation

/// Gathers what every case's response showed, from the files running side by side, into one
/// `ContractSnapshot` at the end of the run.
public final class SnapshotRecorder: @unchecked Sendable {
    // Files run concurrently; each observation takes the lock briefly.
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    private struct Entry {
        let method: String
        let path: String
        let status: Int
        var headers: Set<String> = []
        var body: ObservedShape?
        var cases: Set<String> = []
    }

    /// Headers that describe how a body travelled, not what the API answers: they come and go
    /// with body sizes and connections.
    static let framingHeaders: Set<String> = [
        "content-length", "transfer-encoding", "connection", "keep-alive", "date", "content-encoding", "vary",
    ]

    /// Names are kept, values never; a name can still carry a secret (an echo API's
    /// `X-Echo-<token>` header, a member keyed by a token), so every name goes through it.
    private let redactor: Redactor

    public init(redactor: Redactor) { self.redactor = redactor }

    func record(method: String, path: String, response: HTTPResponse, json: JSONValue?, caseLabel: String) {
        // Parsed outside the lock: shapes are built from the body alone.
        var shape: ObservedShape?
        if let json {
            var observed = ObservedShape()
            observed.observe(json)
            shape = observed
        }
        // Redacted as sent (a secret keeps its case) and again lowercased.
        let headers = Set(response.headers.map { redactor.redact(redactor.redact($0.name).lowercased()) }).subtracting(Self.framingHeaders)
        let key = "\(method) \(path) \(response.status)"
        lock.withLock {
            var entry = entries[key] ?? Entry(method: method, path: path, status: response.status)
            entry.headers.formUnion(headers)
            if let shape {
                if entry.body == nil { entry.body = shape } else { entry.body?.merge(shape) }
            }
            entry.cases.insert(redactor.redact(caseLabel))
            entries[key] = entry
        }
    }

    public func snapshot() -> ContractSnapshot {
        let all = lock.withLock { Array(entries.values) }
        return ContractSnapshot(endpoints: all.map { entry in
            ContractSnapshot.Endpoint(method: entry.method, path: entry.path, status: entry.status, headers: entry.headers.sorted(),
                                      body: entry.body.map { ContractNode($0, names: redactor.redact) }, cases: entry.cases.sorted())
        })
    }
}
