/// `GET /health`.
struct HealthResponse: Codable, Equatable {
    let status: String
}
