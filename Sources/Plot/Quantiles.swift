import GeoSupport

/// Percentiles of the finite values of an array, with linear interpolation between order
/// statistics (NumPy's default: rank p/100·(n−1)). Uses quickselect: O(n) per percentile.
public enum Quantiles {
    /// The `p`-th percentiles (0–100) of the finite values of `values` other than `excluded`
    /// (a nodata value); NaN for each when there are none.
    public static func percentiles(_ values: [Double], _ ps: [Double], excluding excluded: Double? = nil) -> [Double] {
        var v = excluded.map { nd in values.filter { $0.isFinite && $0 != nd } } ?? values.filter(\.isFinite)
        guard !v.isEmpty else { return ps.map { _ in .nan } }
        return ps.map { p in
            let rank = p.isNaN ? 0 : max(0, min(1, p / 100)) * Double(v.count - 1)
            let k = CheckedSize.clamped(rank, to: 0...(v.count - 1), rounding: .down)
            let lo = select(&v, k)
            guard k + 1 < v.count, rank > Double(k) else { return lo }
            // After select(k), everything right of k is ≥ v[k]: the next order statistic is their minimum.
            let hi = v[(k + 1)...].min()!
            return FiniteMath.interpolate(lo, hi, rank - Double(k))   // no overflow between ±1e308
        }
    }

    /// Partially orders `v` so that v[k] is the k-th smallest; returns it (Hoare partition, median-of-three).
    static func select(_ v: inout [Double], _ k: Int) -> Double {
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
