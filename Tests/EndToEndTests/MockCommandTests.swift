import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import ConformTestSupport

/// `conform mock` flags, end to end: seeds, seeded IDs and a fixed clock make two runs answer
/// byte for byte the same; bad seeds and flags exit 2 before serving.
@Suite(.serialized) struct MockCommandTests {
    static let seed = """
        { "category": [ { "id": "71fafc16-ba4f-11e3-8de0-001e6733fe3c", "name": "Home" } ],
          "task": [ { "name": "Wash Dishes", "status": 0, "category_id": "71fafc16-ba4f-11e3-8de0-001e6733fe3c" },
                    { "name": "Do Laundry", "status": 1 } ] }
        """

    /// GETs each path and returns the bodies.
    func bodies(_ mock: MockProcess, _ paths: [String]) async throws -> [Data] {
        let session = URLSession(configuration: .ephemeral)
        defer { session.invalidateAndCancel() }
        var bodies: [Data] = []
        for path in paths {
            var request = URLRequest(url: try #require(URL(string: mock.baseURL + path)))
            request.setValue("Bearer O:" + mock.token, forHTTPHeaderField: "Authorization")
            let (body, response) = try await session.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(path)")
            bodies.append(body)
        }
        return bodies
    }

    @Test func aSeededMockAnswersTheSameOnEveryRun() async throws {
        let folder = try TemporaryFolder("e2e")
        defer { folder.remove() }
        let seed = try folder.write("seed.json", Self.seed)
        let arguments = ["--seed", seed, "--seed-ids", "7", "--fixed-time", "2015-02-05T08:17:01Z", "--time-step", "1"]
        let paths = ["/objects/task.json", "/objects/category.json", "/oplog.json", "/users", "/info.json"]
        var runs: [[Data]] = []
        for _ in 0..<2 {
            let mock = try await MockProcess.start(extraArguments: arguments, token: "e2e-seed-token")
            defer { mock.stop() }
            runs.append(try await bodies(mock, paths))
        }
        #expect(runs[0] == runs[1])
        let tasks = String(decoding: runs[0][0], as: UTF8.self)
        #expect(tasks.contains(#""updated_at":"2015-02-05T08:17:02Z","display":"Wash Dishes""#))
        #expect(tasks.contains(#""updated_at":"2015-02-05T08:17:03Z","display":"Do Laundry""#))
    }

    @Test func badSeedsAndFlagsExitTwoWithTheProblem() async throws {
        let folder = try TemporaryFolder("e2e")
        defer { folder.remove() }
        let seed = try folder.write("bad-seed.json", #"{"task": [{"status": 7}]}"#)
        let output = try await ProcessRunner.run(ConformBinary.path, ["mock", "--port", "0", "--seed", seed], environment: [:], directory: folder.path)
        #expect(output.exitCode == 2)
        #expect(output.stderr.contains("\(seed): error: $.task[0]: Invalid option 7 for field 'status'."))
        #expect(output.stdout.isEmpty)
        for flags in [["--rate-limit", "fast"], ["--burst", "3"], ["--rate-limit", "5/s", "--burst", "0"], ["--fixed-time", "soon"], ["--time-step", "2"]] {
            let result = try await ProcessRunner.run(ConformBinary.path, ["mock", "--port", "0"] + flags, environment: [:], directory: folder.path)
            #expect(result.exitCode == 2, "\(flags)")
        }
    }

    @Test func rateLimitedMockAnswers429WithRetryAfter() async throws {
        // One token a minute: the second and third requests find the bucket empty however
        // slowly this machine runs.
        let mock = try await MockProcess.start(extraArguments: ["--rate-limit", "1/m", "--burst", "1"], token: "e2e-rate-token")
        defer { mock.stop() }
        let session = URLSession(configuration: .ephemeral)
        defer { session.invalidateAndCancel() }
        var request = URLRequest(url: try #require(URL(string: mock.baseURL + "/objects/task/count.json")))
        request.setValue("Bearer O:" + mock.token, forHTTPHeaderField: "Authorization")
        var statuses: [Int] = []
        var retryAfter: String?
        for _ in 0..<3 {
            let (_, response) = try await session.data(for: request)
            let http = try #require(response as? HTTPURLResponse)
            statuses.append(http.statusCode)
            if http.statusCode == 429 { retryAfter = http.value(forHTTPHeaderField: "Retry-After") }
        }
        #expect(statuses == [200, 429, 429])
        let seconds = try #require(retryAfter.flatMap { Int($0) })
        #expect((1...60).contains(seconds))
    }
}
