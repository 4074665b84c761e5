import Grid

/// The slow, obvious aggregation every fast path is checked against: for each output cell, loop
/// over every input pixel, keep those whose centre lies in the cell, reduce them in plain Swift.
/// Sums follow the documented order: Σ over input rows of (Σ of that row's valid pixels in the cell).
enum AggregationReference {
    /// - Parameters:
    ///   - values: input pixels as Double (row-major), `nodata` and NaN invalid.
    ///   - cellOf: maps an input pixel (col, row) to its output cell, or nil.
    static func aggregate(values: [Double], width: Int, height: Int, nodata: Double?,
                          outputWidth: Int, outputHeight: Int, method: String, minValidFraction: Double,
                          cellOf: (Int, Int) -> (Int, Int)?) -> [Double] {
        var members = [[(row: Int, value: Double?)]](repeating: [], count: outputWidth * outputHeight)
        for r in 0..<height {
            for c in 0..<width {
                guard let (oc, or) = cellOf(c, r) else { continue }
                let v = values[r * width + c]
                let valid = !v.isNaN && v != nodata
                members[or * outputWidth + oc].append((r, valid ? v : nil))
            }
        }
        return members.map { cell in
            let valid = cell.compactMap { $0.value }
            if method == "count" { return Double(valid.count) }
            if valid.isEmpty || Double(valid.count) / Double(cell.count) < minValidFraction { return .nan }
            switch method {
            case "sum": return rowWiseSum(cell)
            case "mean": return rowWiseSum(cell) / Double(valid.count)
            case "min": return valid.min()!
            case "max": return valid.max()!
            default: fatalError(method)
            }
        }
    }

    private static func rowWiseSum(_ cell: [(row: Int, value: Double?)]) -> Double {
        var total = 0.0
        for row in Set(cell.map(\.row)).sorted() {
            total += cell.filter { $0.row == row }.compactMap(\.value).reduce(0, +)
        }
        return total
    }
}
