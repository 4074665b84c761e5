import Batch

/// `GET /api/v1/kinds`.
struct KindsResponse: Encodable {
    let kinds: [KindDescription]
}
