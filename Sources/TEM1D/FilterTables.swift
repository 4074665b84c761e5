import Foundation

/// Hankel digital-linear-filter tables (J1) shipped as data files in `Filters/`.
///
/// A J1 filter approximates ∫_0^∞ f(λ) J1(λ r) dλ ≈ (1/r) Σ_k f(b_k / r) w_k. The tables and their sources are in
/// the header lines of each data file (Key 2012 101/201 points, Anderson 1982 801 points).
public enum HankelFilter: String, Sendable, CaseIterable, Codable {
    case key51 = "hankel_key_51_2012_j1"
    case kong61 = "hankel_kong_61_2007b_j1"
    case key101 = "hankel_key_101_2012_j1"
    case key201 = "hankel_key_201_2012_j1"
    case anderson801 = "hankel_anderson_801_1982_j1"

    /// (base b_k, weight w_k) pairs, loaded once from the data file.
    public func table() throws -> (base: [Double], weights: [Double]) {
        let rows = try FilterFiles.numericRows(named: rawValue, columns: 2)
        return (rows.map { $0[0] }, rows.map { $0[1] })
    }
}

/// Parameters of one hyperbolic Bromwich contour (see `Filters/laplace_hyperbola_contours.txt`).
struct ContourParameters: Sendable, Hashable {
    var lambda: Double   // window ratio t1/t0 the parameters were tuned for
    var m: Int           // nodes k = 0...m are evaluated
    var mu: Double
    var alpha: Double
    var hFactor: Double
    var calibrationError: Double

    static func table() throws -> [ContourParameters] {
        try FilterFiles.numericRows(named: "laplace_hyperbola_contours", columns: 6).map {
            ContourParameters(lambda: $0[0], m: Int($0[1]), mu: $0[2], alpha: $0[3], hFactor: $0[4], calibrationError: $0[5])
        }
    }
}

/// Reads whitespace-separated numeric data files from the module's `Filters` resource directory; lines starting
/// with `#` are comments (each file cites its source there).
enum FilterFiles {
    private static let cache = Cache()

    final class Cache: @unchecked Sendable {
        // Guarded by `lock`.
        private var rows: [String: [[Double]]] = [:]
        private let lock = NSLock()
        func get(_ name: String, load: () throws -> [[Double]]) throws -> [[Double]] {
            lock.lock()
            defer { lock.unlock() }
            if let r = rows[name] { return r }
            let r = try load()
            rows[name] = r
            return r
        }
    }

    static func url(named name: String) throws -> URL {
        if let u = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Filters") { return u }
        if let u = Bundle.module.url(forResource: name, withExtension: "txt") { return u }
        throw TEM1DError.filterUnavailable("\(name).txt not found in the TEM1D resource bundle")
    }

    static func numericRows(named name: String, columns: Int) throws -> [[Double]] {
        try cache.get(name) {
            let text: String
            do {
                text = try String(contentsOf: try url(named: name), encoding: .utf8)
            } catch let e as TEM1DError {
                throw e
            } catch {
                throw TEM1DError.filterUnavailable("\(name).txt: \(error.localizedDescription)")
            }
            var rows: [[Double]] = []
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                let values = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Double($0) }
                guard values.count == columns else {
                    throw TEM1DError.filterUnavailable("\(name).txt line \(n + 1): expected \(columns) numbers")
                }
                rows.append(values)
            }
            guard !rows.isEmpty else { throw TEM1DError.filterUnavailable("\(name).txt has no rows") }
            return rows
        }
    }
}
