/// A model file or spec with more models than a run may have (counted before anything is expanded).
public struct ModelCountError: Error, CustomStringConvertible, Equatable, Sendable {
    public let path: String
    /// The count, or nil when it exceeds `Int.max`.
    public let count: Int?
    public let limit: Int

    public var description: String {
        "\(path): \(count.map { "\($0) models" } ?? "more than \(Int.max) models"), more than the limit of \(limit)"
    }
}
