import Testing
import ConformShape
@testable import ConformMock

/// Fault profiles in-process: the answers that replace a request, and the body and delivery
/// changes the server carries out (see `FaultTransportTests` for them on a socket).
@Suite struct FaultProfileTests {
    static let list = MockEndpoint("GET", "/objects/{model}.json")
    static let create = MockEndpoint("POST", "/objects/{model}.json")

    @Test func fault500IsTheInternalServerErrorEnvelopeAndRunsNothing() throws {
        let twin = try Twin(["fault.500@POST /objects/{model}.json"])
        let (_, profiled) = twin.send(twin.sample(Self.create))
        #expect(profiled.status == 500)
        #expect(profiled.errorType == "INTERNAL_SERVER_ERROR")
        #expect(profiled.json?["title"] == "Oops! Something went wrong.")
        #expect(twin.profiled.send("GET", "objects/task/count.json").json?["count"] == 2)
    }

    @Test func fault502IsAProxyPage() throws {
        let twin = try Twin(["fault.502"])
        let (_, profiled) = twin.send(twin.sample(Self.list))
        #expect(profiled.status == 502)
        #expect(profiled.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(String(decoding: profiled.body, as: UTF8.self).contains("502 Bad Gateway"))
    }

    @Test("503 with and without Retry-After, 429 with it", arguments: [
        ("fault.503", 503, nil), ("fault.503=7", 503, "7"), ("fault.429", 429, "1"), ("fault.429=3", 429, "3"),
    ] as [(String, Int, String?)])
    func unavailableAndTooManyRequests(_ profile: String, _ status: Int, _ retryAfter: String?) throws {
        let twin = try Twin([profile])
        let (_, profiled) = twin.send(twin.sample(Self.list))
        #expect(profiled.status == status)
        #expect(profiled.headers["Retry-After"] == retryAfter)
        #expect(profiled.errorType == (status == 503 ? "SERVICE_UNAVAILABLE" : "TOO_MANY_REQUESTS"))
    }

    @Test func statusFaultsComeBeforeAuthentication() throws {
        let twin = try Twin(["fault.503"])
        #expect(twin.send(twin.sample(Self.list, auth: .none)).profiled.status == 503)
    }

    @Test func nonJSONIsAnHTMLPageLabelledJSON() throws {
        let twin = try Twin(["fault.non-json@GET /objects/{model}.json"])
        let (faithful, profiled) = twin.send(twin.sample(Self.list))
        #expect(profiled.status == faithful.status)
        #expect(profiled.headers["Content-Type"] == "application/json; charset=utf-8")
        #expect(profiled.json == nil)
        #expect(String(decoding: profiled.body, as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
    }

    @Test func aLargeBodyIsTheSameJSONPadded() throws {
        let twin = try Twin(["fault.large=1M@GET /objects/{model}.json"])
        let (faithful, profiled) = twin.send(twin.sample(Self.list))
        #expect(profiled.body == faithful.body)
        #expect(profiled.delivery == MockDelivery(padding: 1024 * 1024 - faithful.body.count))
    }

    @Test func truncationPromisesTheWholeBodyAndKeepsHalf() throws {
        let twin = try Twin(["fault.truncated@GET /objects/{model}.json"])
        let (faithful, profiled) = twin.send(twin.sample(Self.list))
        #expect(profiled.delivery.ending == .close(afterBytes: faithful.body.count / 2))
        #expect(profiled.body == faithful.body)
        #expect(profiled.status == faithful.status)
    }

    @Test func aResetSendsHalfThenResets() throws {
        let twin = try Twin(["fault.reset"])
        let (faithful, profiled) = twin.send(twin.sample(Self.create))
        #expect(profiled.delivery.ending == .reset(afterBytes: faithful.body.count / 2))
        // The request ran: the object exists although its answer was lost.
        twin.profiled.deployment.setProfiles(.faithful)
        let count = twin.profiled.send("GET", "objects/task/count.json").json?["count"]
        #expect(count == 3)
        #expect(count == twin.faithful.send("GET", "objects/task/count.json").json?["count"])
    }

    @Test func anEmptyBodyIsStillCutShort() throws {
        let twin = try Twin(["fault.truncated@DELETE /objects/{model}/{id}.json"])
        let (_, profiled) = twin.send(twin.sample(MockEndpoint("DELETE", "/objects/{model}/{id}.json")))
        #expect(profiled.body.isEmpty)
        #expect(profiled.delivery == MockDelivery(padding: 1, ending: .close(afterBytes: 0)))
    }

    @Test func aLargeBodyCanBeCutShortToo() throws {
        // Given in either order, the padding comes first and the cut halves the padded length.
        let twin = try Twin(["fault.reset@GET /info.json", "fault.large=1000@GET /info.json", "fault.truncated@GET /info.json"])
        let (_, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/info.json")))
        #expect(profiled.delivery.padding + profiled.body.count == 1000)
        #expect(profiled.delivery.ending == .close(afterBytes: 500))
    }

    @Test func aSlowAnswerCarriesItsDelay() throws {
        let twin = try Twin(["fault.slow=1.5"])
        #expect(twin.send(twin.sample(Self.list)).profiled.delivery.delay == .milliseconds(1500))
        let defaults = try Twin(["fault.slow"])
        #expect(defaults.send(defaults.sample(Self.list)).profiled.delivery.delay == .seconds(35))
    }

    @Test func bodyFaultsLeaveBodilessAnswersAlone() throws {
        let twin = try Twin(["fault.truncated@GET /datamodel.json", "fault.non-json@GET /datamodel.json"])
        let etag = twin.profiled.send("GET", "datamodel.json").headers["ETag"] ?? ""
        let notModified = twin.profiled.send("GET", "datamodel.json", headers: ["If-None-Match": etag])
        #expect(notModified.status == 304)
        #expect(notModified.body.isEmpty)
        #expect(notModified.delivery == .whole)
    }

    @Test func faultsReachUnknownRoutes() throws {
        let twin = try Twin(["fault.500@/{unknown}"])
        #expect(twin.profiled.send("GET", "no-such-endpoint.json").status == 500)
        #expect(twin.profiled.send("GET", "info.json").status == 200)
    }

    @Test func attachmentDownloadsAreNeverTouched() throws {
        let twin = try Twin(["fault.500"])
        let response = twin.profiled.send("GET", "/media/00000000-0000-4000-8000-000000000000/original/a.jpg")
        #expect(response.status == 404)
        #expect(response.errorType == "OBJECT_NOT_FOUND")
    }
}
