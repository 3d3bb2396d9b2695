import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

/// Whatever arrives, the mock answers: every error is the JSON envelope, nothing traps.
@Suite struct RobustnessTests {
    static let id = "550e8400-e29b-41d4-a716-446655440000"
    static let paths = [
        "objects/task.json", "objects/task/\(id).json", "objects/task/count.json", "objects/task/search.json",
        "objects/task/query.json", "objects/all_types.json", "batch.json", "oplog.json", "datamodel.json", "datamodel.xml",
        "info.json", "indexes.json", "users", "users/c8c8c4f8-5013-11e7-a8c7-04017e679e01",
        "users/c8c8c4f8-5013-11e7-a8c7-04017e679e01/lock", "users/c8c8c4f8-5013-11e7-a8c7-04017e679e01/authentication-token",
        "users/c8c8c4f8-5013-11e7-a8c7-04017e679e01/sessions/9469407e-8417-11e7-825d-040151508301/wipe",
    ]

    /// Bodies that have broken parsers elsewhere: deep nesting, huge numbers, odd Unicode,
    /// bracket soup for the form decoder, and bytes that are not UTF-8.
    static let bodies: [[UInt8]] = [
        [], Array("null".utf8), Array(String(repeating: "[", count: 5000).utf8),
        Array(("{\"task\":" + String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 601)).utf8),
        Array(#"{"task": {"name": "\u0000\ud800", "status": 1e999999}}"#.utf8),
        Array(#"{"operations": [{"method": "post", "object": {"type": "all_types", "track": [[[[1]]]], "location": [1e308, -1e308]}}]}"#.utf8),
        Array(#"{"expression": "((((name = ?", "arguments": [{"a": []}], "sort": [null], "limit": 1e100}"#.utf8),
        Array("task[name][][x][][y]=1&task[=2&][&=&&==&task[status][]=%".utf8),
        Array(String(repeating: "task[a]", count: 2000).utf8),
        [0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x7B],
    ]

    static let queries = [
        "", "limit=99999999999999999999999", "skip=-0", "sort[name]=1&sort[name]=-1", "query[name.contains]=%F0%9F%98%80",
        "q[status.null]=", "start=18446744073709551615", "tail=true&limit=0", "%", "query[[x]]=1", "embed=,,,category,nope",
    ]

    @Test func everyRouteSurvivesHostileInput() {
        let mock = TestDeployment(seedUsers: true)
        var answered = 0
        for path in Self.paths {
            for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
                for (index, body) in Self.bodies.enumerated() {
                    let query = Self.queries[(answered + index) % Self.queries.count]
                    for contentType in ["application/json", "application/x-www-form-urlencoded"] {
                        let response = mock.send(method, path + (query.isEmpty ? "" : "?" + query), body: body, contentType: contentType)
                        answered += 1
                        if response.status >= 400 {
                            #expect(response.json?.objectValue?.keys == ["type", "title", "detail", "see"], "\(method) \(path)?\(query)")
                        } else {
                            #expect([200, 302, 304].contains(response.status))
                        }
                    }
                }
            }
        }
        #expect(answered > 0)
    }

    @Test func randomBytesAsPathsQueriesAndBodies() {
        let mock = TestDeployment()
        var generator = SplitMix64(state: 2024)
        let alphabet = Array("/%?&=[]{}.+-_aZ09 \"'\\\u{00e9}\u{1F600}#".unicodeScalars)
        for _ in 0..<2000 {
            let length = Int(generator.next() % 40)
            var text = ""
            for _ in 0..<length { text.unicodeScalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            let body = (0..<Int(generator.next() % 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let response = mock.send(["GET", "POST", "PATCH"][Int(generator.next() % 3)], "objects/" + text, body: body)
            #expect(response.status >= 200 && response.status < 600)
            if response.status >= 400 { #expect(response.json?["type"] != nil) }
        }
    }
}
