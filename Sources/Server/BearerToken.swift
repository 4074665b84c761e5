/// The server's bearer token, compared in constant time.
struct BearerToken: Sendable {
    let value: String

    /// Whether an `Authorization` header value is `Bearer <token>`.
    func accepts(authorization header: String?) -> Bool {
        guard let header, header.hasPrefix("Bearer ") else { return false }
        let given = Array(header.dropFirst("Bearer ".count).utf8), expected = Array(value.utf8)
        var difference = given.count ^ expected.count
        for i in 0..<max(given.count, expected.count) {
            difference |= Int((i < given.count ? given[i] : 0) ^ (i < expected.count ? expected[i] : 0))
        }
        return difference == 0 && !expected.isEmpty
    }
}
