/// The one way geotool turns untrusted numbers (options, file contents, computed extents) into
/// `Int` sizes, counts and indices: conversions that cannot trap, products that cannot overflow,
/// and grid sizes compared with a `MemoryBudget` before anything is allocated. Every failure is a
/// `SizeError` naming the field.
public enum CheckedSize {
    /// Largest width or height of a grid: cell indices are stored as `Int32` and GeoTIFF, PNG and
    /// cairo address rows and columns with 32-bit integers.
    public static let maximumDimension = Int(Int32.max)

    /// `value` rounded by `rule` as an `Int` within `limits`; throws naming `field` when `value`
    /// is NaN or infinite or the rounded value lies outside `limits` (never traps).
    public static func integer(_ value: Double, field: String, rounding rule: FloatingPointRoundingRule = .towardZero,
                               within limits: ClosedRange<Int> = Int.min...Int.max) throws(SizeError) -> Int {
        guard value.isFinite else { throw SizeError(field: field, reason: .notFinite(value)) }
        let r = value.rounded(rule)
        guard let i = Int(exactly: r), limits.contains(i) else {   // Int(exactly:) is nil, not a trap, beyond Int
            throw SizeError(field: field, reason: .outOfRange(value: r, limits: limits))
        }
        return i
    }

    /// `value` rounded by `rule` and clamped to `limits` (NaN gives the lower bound): for
    /// positions and indices that are meant to saturate rather than fail (pixel and colour indices).
    public static func clamped(_ value: Double, to limits: ClosedRange<Int>,
                               rounding rule: FloatingPointRoundingRule = .towardZero) -> Int {
        guard !value.isNaN else { return limits.lowerBound }
        let r = value.rounded(rule)
        if r <= Double(limits.lowerBound) { return limits.lowerBound }
        if r >= Double(limits.upperBound) { return limits.upperBound }
        return Swift.min(Swift.max(Int(r), limits.lowerBound), limits.upperBound)
    }

    /// The product of `factors`, or a `SizeError` naming `field` when it overflows `Int` or a
    /// factor is negative.
    public static func product(_ factors: [Int], field: String) throws(SizeError) -> Int {
        var p = 1
        for f in factors {
            guard f >= 0 else { throw SizeError(field: field, reason: .outOfRange(value: Double(f), limits: 0...Int.max)) }
            let (r, overflow) = p.multipliedReportingOverflow(by: f)
            guard !overflow else { throw SizeError(field: field, reason: .overflow(factors: factors)) }
            p = r
        }
        return p
    }

    /// Width and height of a grid given as (already rounded) numbers of cells, checked in order:
    /// not NaN (`SizeError.Reason.notFinite`), at least 1 (`outOfRange`), `width × height ×
    /// bytesPerCell` within `budget` (`overBudget`, computed in floating point so it cannot
    /// overflow; +∞ is over any budget), each at most `maximumDimension`.
    /// - Parameters:
    ///   - subject: what the grid is, for the message ("the output grid", "the image").
    ///   - unit: what a cell is called ("cells", "pixels").
    public static func grid(width: Double, height: Double, bytesPerCell: Int, field: String,
                            subject: String = "the grid", unit: String = "cells",
                            budget: MemoryBudget = .standard) throws(SizeError) -> (width: Int, height: Int) {
        for v in [width, height] where v.isNaN { throw SizeError(field: field, reason: .notFinite(v)) }
        for v in [width, height] where v < 1 {
            throw SizeError(field: field, reason: .outOfRange(value: v, limits: 1...maximumDimension))
        }
        let bytes = width * height * Double(Swift.max(bytesPerCell, 0))
        guard budget.allows(bytes) else {
            throw SizeError(field: field, reason: .overBudget(subject: subject, extent: [width, height], unit: unit,
                                                              bytes: bytes, budget: budget))
        }
        let w = try integer(width, field: field, within: 1...maximumDimension)
        let h = try integer(height, field: field, within: 1...maximumDimension)
        return (w, h)
    }

    /// As `grid(width:height:…)` for integer sizes (e.g. an image size option).
    public static func grid(width: Int, height: Int, bytesPerCell: Int, field: String,
                            subject: String = "the grid", unit: String = "cells",
                            budget: MemoryBudget = .standard) throws(SizeError) -> (width: Int, height: Int) {
        try grid(width: Double(width), height: Double(height), bytesPerCell: bytesPerCell, field: field,
                 subject: subject, unit: unit, budget: budget)
    }

    /// A number of iterations (time steps, substeps) from a ratio such as `duration / step`,
    /// rounded up; throws when it is not finite or not within `1…limit`.
    public static func steps(_ ratio: Double, field: String, limit: Int) throws(SizeError) -> Int {
        try integer(ratio, field: field, rounding: .up, within: 1...limit)
    }
}
