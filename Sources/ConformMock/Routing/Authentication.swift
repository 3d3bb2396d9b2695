import ConformDataModel

/// The two documented schemes (reference §1.2): HTTP Basic with the deployment ID as user
/// name, and `Authorization: Bearer O:<token>`. Other schemes (`Token …`, `Bearer` without
/// `O:`) are refused: the docs name only these two.
struct Authentication: Sendable {
    let deploymentID: String
    let password: String?
    let token: String?

    func isAuthorized(_ headers: MockHeaders) -> Bool {
        guard let header = headers["Authorization"]?.trimmedWhitespace else { return false }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return false }
        let credentials = parts[1].trimmedWhitespace
        switch parts[0].lowercased() {
        case "basic":
            guard let password, let decoded = Base64.decode(credentials),
                let text = String(validating: decoded, as: UTF8.self)
            else { return false }
            let pair = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { return false }
            return Self.constantTimeEqual(String(pair[0]), deploymentID) && Self.constantTimeEqual(String(pair[1]), password)
        case "bearer":
            guard let token, credentials.hasPrefix("O:") else { return false }
            return Self.constantTimeEqual(String(credentials.dropFirst(2)), token)
        default:
            return false
        }
    }

    /// Compares without stopping at the first difference, so timing says nothing about how
    /// much of a guess was right.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(truncatingIfNeeded: x.count ^ y.count)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0 && x.count == y.count
    }
}
