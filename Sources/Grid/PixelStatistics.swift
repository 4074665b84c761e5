/// Streaming statistics over valid pixels (NaN and nodata excluded), accumulated in Float64.
///
/// Combine partial statistics of blocks with `merge` (Chan et al. parallel variance), so a
/// raster's statistics can be computed block by block, in any order, in bounded memory.
public struct PixelStatistics: Sendable, Equatable {
    public private(set) var validCount: Int = 0
    public private(set) var invalidCount: Int = 0
    public private(set) var minimum: Double = .infinity
    public private(set) var maximum: Double = -.infinity
    public private(set) var mean: Double = 0
    /// Sum of squared deviations from the mean (Welford's M2).
    public private(set) var m2: Double = 0

    public init() {}

    /// Population standard deviation (as GDAL reports), NaN when there are no valid pixels.
    public var standardDeviation: Double {
        validCount > 0 ? (m2 / Double(validCount)).squareRoot() : .nan
    }

    /// Adds one value; NaN counts as invalid.
    public mutating func add(_ x: Double) {
        guard !x.isNaN else { invalidCount += 1; return }
        validCount += 1
        if x < minimum { minimum = x }
        if x > maximum { maximum = x }
        let delta = x - mean
        mean += delta / Double(validCount)
        m2 += delta * (x - mean)
    }

    /// Counts one invalid (nodata) pixel.
    public mutating func addInvalid() { invalidCount += 1 }

    /// Adds every valid pixel of a grid.
    public mutating func add<T: BinaryFloatingPoint>(_ grid: Grid<T>) {
        for v in grid.values {
            if let nd = grid.nodata, v == nd { addInvalid() } else { add(Double(v)) }
        }
    }

    /// Adds every valid pixel of an integer grid.
    public mutating func add<T: BinaryInteger>(_ grid: Grid<T>) {
        for v in grid.values {
            if let nd = grid.nodata, v == nd { addInvalid() } else { add(Double(v)) }
        }
    }

    /// Combines statistics of two disjoint sets of pixels.
    public mutating func merge(_ o: PixelStatistics) {
        guard o.validCount > 0 else { invalidCount += o.invalidCount; return }
        guard validCount > 0 else { let inv = invalidCount; self = o; invalidCount += inv; return }
        let n = Double(validCount), m = Double(o.validCount)
        let delta = o.mean - mean
        mean += delta * m / (n + m)
        m2 += o.m2 + delta * delta * n * m / (n + m)
        validCount += o.validCount
        invalidCount += o.invalidCount
        minimum = Swift.min(minimum, o.minimum)
        maximum = Swift.max(maximum, o.maximum)
    }
}
