import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

/// The token bucket (reference §17), on a hand-moved clock: no test sleeps.
@Suite struct RateLimitTests {
    let ticker = ManualTicker()

    func mock(rate: Double, burst: Int) throws -> MockDeployment {
        let configuration = try MockConfiguration(
            idGenerator: .seeded(1), seedUsers: false, rateLimit: try RateLimit(rate: rate, burst: burst),
            rateLimitTicker: .manual(ticker))
        return MockDeployment(configuration: configuration)
    }

    func get(_ deployment: MockDeployment, _ path: String = "objects/task/count.json", authorized: Bool = true) -> MockResponse {
        var headers: MockHeaders = ["Host": "mock.test"]
        if authorized { headers.add("Authorization", "Bearer O:" + MockConfiguration.defaultToken) }
        let target = path.hasPrefix("/") ? path : "/api/v4/\(MockConfiguration.defaultDeploymentID)/\(path)"
        return deployment.respond(to: MockRequest(method: "GET", target: target, headers: headers))
    }

    @Test func burstThenRefillAtTheRate() throws {
        let deployment = try mock(rate: 1, burst: 2)
        #expect(get(deployment).status == 200)
        #expect(get(deployment).status == 200)
        let limited = get(deployment)
        #expect(limited.status == 429)
        #expect(limited.errorType == "TOO_MANY_REQUESTS")
        #expect(limited.headers["Retry-After"] == "1")
        #expect(limited.json?.objectValue?.keys == ["type", "title", "detail", "see"])
        #expect(limited.detail == "Rate limit exceeded (1 requests per second, bursts of 2). Retry after 1 second.")
        ticker.advance(by: 0.5)
        #expect(get(deployment).headers["Retry-After"] == "1")
        ticker.advance(by: 0.5)
        #expect(get(deployment).status == 200)
        #expect(get(deployment).status == 429)
        // A long quiet spell refills only up to the burst.
        ticker.advance(by: 100)
        #expect((0..<3).map { _ in get(deployment).status } == [200, 200, 429])
    }

    @Test func retryAfterIsTheWholeSecondsUntilAToken() throws {
        let deployment = try mock(rate: 0.25, burst: 1)
        #expect(get(deployment).status == 200)
        #expect(get(deployment).headers["Retry-After"] == "4")
        ticker.advance(by: 1.5)
        #expect(get(deployment).headers["Retry-After"] == "3")
        ticker.advance(by: 2.5)
        #expect(get(deployment).status == 200)
    }

    @Test func aTinyRateWaitsAtMostADay() throws {
        let deployment = try mock(rate: 1e-300, burst: 1)
        #expect(get(deployment).status == 200)
        #expect(get(deployment).headers["Retry-After"] == "86400")
    }

    @Test func everyRequestToTheDeploymentCountsButNothingElse() throws {
        let deployment = try mock(rate: 1, burst: 2)
        #expect(get(deployment, authorized: false).status == 401)
        #expect(get(deployment, "nothing.json").status == 404)
        #expect(get(deployment).status == 429)
        #expect(get(deployment, "/api/v4/000000000000000000000000/objects/task.json").errorType == "ACCOUNT_NOT_FOUND")
        #expect(get(deployment, "/media/6f2ae0e0-03e2-4879-95a2-17cbf7ad5825/original/a.jpg").errorType == "OBJECT_NOT_FOUND")
    }

    @Test func offByDefault() {
        let mock = TestDeployment()
        #expect((0..<200).allSatisfy { _ in mock.send("GET", "objects/task/count.json").status == 200 })
    }

    @Test func configurationChecksTheLimit() {
        #expect(throws: MockConfigurationError.self) { try RateLimit(rate: 0, burst: 1) }
        #expect(throws: MockConfigurationError.self) { try RateLimit(rate: .infinity, burst: 1) }
        #expect(throws: MockConfigurationError.self) { try RateLimit(rate: 1, burst: 0) }
        #expect(RateLimit.parseRate("10/s") == 10)
        #expect(RateLimit.parseRate("0.5/s") == 0.5)
        #expect(RateLimit.parseRate("120/m") == 2)
        #expect(RateLimit.parseRate("7") == 7)
        for bad in ["", "x/s", "10/h", "-1/s", "0", "nan"] { #expect(RateLimit.parseRate(bad) == nil, "\(bad)") }
    }

    @Test func concurrentRequestsNeverExceedTheBurst() async throws {
        let deployment = try mock(rate: 1, burst: 10)
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<100 { group.addTask { self.get(deployment).status } }
            var statuses: [Int] = []
            for await status in group { statuses.append(status) }
            return statuses
        }
        #expect(statuses.filter { $0 == 200 }.count == 10)
        #expect(statuses.filter { $0 == 429 }.count == 90)
    }
}
