import Testing
@testable import ConformShape

/// "`updated_at` missing; `modified_at` appeared — renamed?" wherever a declared member is
/// missing and a new one appeared, whatever the shape says about extra members.
@Suite struct RenameHintTests {
    @Test(arguments: [
        #"{"type":"object","required":["updated_at"],"properties":{"updated_at":{"type":"string"}}}"#,
        #"{"type":"object","required":["updated_at"],"properties":{"updated_at":{"type":"string"}},"additionalProperties":true}"#,
        #"{"type":"object","required":["updated_at"],"properties":{"updated_at":{"type":"string"}},"additionalProperties":{"type":"string"}}"#,
        #"{"type":"object","required":["updated_at"],"properties":{"updated_at":{"type":"string"}},"additionalProperties":false}"#,
        #"{"type":"object","required":["updated_at"],"properties":{"updated_at":{"type":"string"}},"patternProperties":{"_at$":{"type":"string"}}}"#,
    ])
    func aMissingMemberNextToANewOneIsAProbableRename(schema: String) throws {
        let result = try check(schema, #"{"modified_at":"2026-01-01"}"#)
        #expect(!result.passed)
        #expect(result.mismatches.contains { $0.message.contains("`updated_at` missing; `modified_at` appeared — renamed?") },
                "\(result.mismatches.map(\.message))")
    }
}
