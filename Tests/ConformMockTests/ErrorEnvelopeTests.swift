import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

@Suite struct ErrorEnvelopeTests {
    @Test(arguments: [
        (APIError.Kind.authenticationFailed, 401), (.objectNotFound, 404), (.routeError, 404),
        (.accountNotFound, 404), (.invalidValue, 422), (.invalidAPIRequest, 400), (.tooManyRequests, 429),
    ])
    func eachTypeHasItsDocumentedStatus(kind: APIError.Kind, status: Int) {
        #expect(kind.status == status)
    }

    @Test func bodyHasTheFourEnvelopeKeys() {
        let body = APIError(.objectNotFound, "No task found with ID: 'x'").body
        #expect(body.objectValue?.keys == ["type", "title", "detail", "see"])
        #expect(body["type"] == "OBJECT_NOT_FOUND")
        #expect(body["see"] == "https://docs.journeyapps.com/api-errors#OBJECT_NOT_FOUND")
    }
}
