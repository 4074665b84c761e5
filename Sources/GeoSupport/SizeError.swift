/// A size, count or index taken from untrusted numbers that cannot be used: not finite, outside
/// what the consumer accepts, or bigger than the memory budget. `description` is one line that
/// starts with the field (a parameter or column name in the library's own words; a command line
/// tool may rename it to its option with `naming(_:)`).
public struct SizeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Sendable, Equatable {
        /// The value is NaN or infinite.
        case notFinite(Double)
        /// The value (after rounding) lies outside `limits`.
        case outOfRange(value: Double, limits: ClosedRange<Int>)
        /// The product of `factors` does not fit in an `Int`.
        case overflow(factors: [Int])
        /// A grid of `extent` (e.g. width, height) `unit`s would need `bytes`, more than `budget`.
        case overBudget(subject: String, extent: [Double], unit: String, bytes: Double, budget: MemoryBudget)
    }

    /// The parameter, option or field the number came from, e.g. "resolution" or "--tr".
    public let field: String
    public let reason: Reason

    public init(field: String, reason: Reason) {
        self.field = field
        self.reason = reason
    }

    /// The same error attributed to another field name (e.g. a command line option).
    public func naming(_ field: String) -> SizeError { SizeError(field: field, reason: reason) }

    public var description: String {
        switch reason {
        case .notFinite(let v):
            return "\(field): \(v) is not a finite number"
        case let .outOfRange(v, limits):
            let lo = ByteCount.grouped(limits.lowerBound), hi = ByteCount.grouped(limits.upperBound)
            let range = limits.upperBound == Int.max ? "at least \(lo)" : "\(lo)…\(hi)"
            return "\(field): \(ByteCount.grouped(v)) is out of range (must be \(range))"
        case .overflow(let factors):
            return "\(field): \(factors.map { ByteCount.grouped($0) }.joined(separator: " × ")) is too large to count"
        case let .overBudget(subject, extent, unit, bytes, budget):
            let dims = extent.map(ByteCount.grouped).joined(separator: " × ")
            return "\(field): \(subject) would be \(dims) \(unit) (\(ByteCount.format(bytes))), "
                + "more than the memory budget (\(budget))"
        }
    }
}
