/// Exact percentiles with linear interpolation between order statistics — NumPy's default: the p-th
/// percentile of n values lies at rank p/100 · (n − 1) of the sorted values. The one implementation
/// behind plot colour ranges and histogram widths, batch aggregates (`p5`, `p50`, …) and erosion
/// summaries (p50, p95). Selection is quickselect (O(n) per percentile, no full sort); interpolation
/// never overflows between ±1e308.
public enum Percentiles {
    /// The `ps`-th percentiles (0–100; NaN counts as 0, values are clamped to 0…100) of `values`, which
    /// must not contain NaN. `values` is reordered. NaN for each percentile when `values` is empty.
    /// Inlinable so callers in other modules get it specialised for their element type (unspecialised, each
    /// comparison and copy goes through witness tables: ~4× slower on a million Float32 values).
    @inlinable
    public static func exact<T: BinaryFloatingPoint>(_ values: inout [T], _ ps: [Double]) -> [Double] {
        guard !values.isEmpty else { return ps.map { _ in .nan } }
        let last = values.count - 1
        return ps.map { p in
            let rank = p.isNaN ? 0 : Swift.max(0, Swift.min(1, p / 100)) * Double(last)
            let k = Swift.min(Int(rank.rounded(.down)), last)
            let lo = Double(select(&values, k))
            guard k < last, rank > Double(k) else { return lo }
            // After select(k) everything right of k is ≥ values[k]: the next order statistic is their minimum.
            let hi = Double(values[(k + 1)...].min()!)
            return Interpolation.linear(lo, hi, rank - Double(k))
        }
    }

    /// Percentiles of the values of `values` that are not NaN (±∞ are ordered like any value).
    public static func of(_ values: [Double], _ ps: [Double]) -> [Double] {
        var v = values.filter { !$0.isNaN }
        return exact(&v, ps)
    }

    /// Percentiles of the finite values of `values` other than `excluded` (a nodata value).
    public static func ofFinite(_ values: [Double], _ ps: [Double], excluding excluded: Double? = nil) -> [Double] {
        var v = excluded.map { nd in values.filter { $0.isFinite && $0 != nd } } ?? values.filter(\.isFinite)
        return exact(&v, ps)
    }

    /// Partially orders `v` so that v[k] is the k-th smallest; returns it (Hoare partition, median of three).
    @inlinable @usableFromInline
    static func select<T: Comparable>(_ v: inout [T], _ k: Int) -> T {
        var lo = 0, hi = v.count - 1
        v.withUnsafeMutableBufferPointer { a in
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                if a[mid] < a[lo] { a.swapAt(mid, lo) }
                if a[hi] < a[lo] { a.swapAt(hi, lo) }
                if a[hi] < a[mid] { a.swapAt(hi, mid) }
                let pivot = a[mid]
                var i = lo, j = hi
                while i <= j {
                    while a[i] < pivot { i += 1 }
                    while a[j] > pivot { j -= 1 }
                    if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
                }
                if k <= j { hi = j } else if k >= i { lo = i } else { break }
            }
        }
        return v[k]
    }
}
