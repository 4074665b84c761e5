import GeoSupport
import Foundation

/// A statistic of `batch results --aggregate`.
public enum AggregateStatistic: Sendable, Equatable, CustomStringConvertible {
    case mean
    /// Sample standard deviation (n − 1 in the denominator); NaN for fewer than 2 values.
    case std
    case min
    case max
    /// Percentile with linear interpolation between closest ranks (NumPy's default): `p5`, `p50`, `p97.5`.
    case percentile(Double)

    /// Parses `mean`, `std`, `min`, `max`, `median` or `pNN`.
    public init(parsing text: String) throws {
        switch text {
        case "mean": self = .mean
        case "std": self = .std
        case "min": self = .min
        case "max": self = .max
        case "median": self = .percentile(50)
        default:
            guard text.hasPrefix("p"), let p = Double(text.dropFirst()), p >= 0, p <= 100 else {
                throw BatchError.invalidSpec(path: "aggregate", message: "'\(text)': expected mean, std, min, max, median or pNN (0 ≤ NN ≤ 100)")
            }
            self = .percentile(p)
        }
    }

    public var description: String {
        switch self {
        case .mean: return "mean"
        case .std: return "std"
        case .min: return "min"
        case .max: return "max"
        case .percentile(let p): return "p" + ParameterValue.number(p).description
        }
    }

    /// The statistic of `values` (NaN when empty).
    public func compute(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let n = Double(values.count)
        switch self {
        case .mean: return values.reduce(0, +) / n
        case .std:
            guard values.count > 1 else { return .nan }
            let m = values.reduce(0, +) / n
            return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
        case .min: return values.min()!
        case .max: return values.max()!
        case .percentile(let p): return Percentiles.of(values, [p])[0]
        }
    }
}

/// Turns stored results into CSV tables: one row per job, or statistics per group.
public enum ResultAggregation {
    /// One row per completed job: job_id, batch_id, seq, parameters, result values, outputs.
    /// A result value named like a parameter gets a `result.` prefix.
    public static func table(_ rows: [ResultRow]) -> ResultCSV {
        let params = Set(rows.flatMap { $0.parameters.keys }).sorted()
        let values = Set(rows.flatMap { $0.result.values.keys }).sorted()
        let valueHeaders = values.map { params.contains($0) ? "result.\($0)" : $0 }
        let body = rows.map { r in
            ["\(r.jobID)", "\(r.batchID)", "\(r.seq)"]
                + params.map { r.parameters[$0]?.description ?? "" }
                + values.map { r.result.values[$0].map(ResultCSV.cell) ?? "" }
                + [r.result.outputs.joined(separator: ";")]
        }
        return ResultCSV(header: ["job_id", "batch_id", "seq"] + params + valueHeaders + ["outputs"], rows: body)
    }

    /// Statistics of every numeric result value, per group of equal `by` parameters (groups sorted,
    /// numbers numerically): columns `by…, n, <value>_<statistic>…`.
    public static func aggregate(_ rows: [ResultRow], statistics: [AggregateStatistic], by: [String]) throws -> ResultCSV {
        let known = Set(rows.flatMap { $0.parameters.keys })
        for name in by where !known.contains(name) {
            throw BatchError.invalidSpec(path: "by", message: "'\(name)': no such parameter (have: \(known.sorted().joined(separator: ", ")))")
        }
        let numeric = Set(rows.flatMap { r in r.result.values.compactMap { $0.value.doubleValue == nil ? nil : $0.key } }).sorted()
        var groups: [[ParameterValue]: [ResultRow]] = [:]
        for r in rows { groups[by.map { r.parameters[$0] ?? .string("") }, default: []].append(r) }
        let keys = groups.keys.sorted { a, b in
            for (x, y) in zip(a, b) where x != y { return Self.less(x, y) }
            return false
        }
        let header = by + ["n"] + numeric.flatMap { v in statistics.map { "\(v)_\($0)" } }
        let body = keys.map { key -> [String] in
            let members = groups[key]!
            let stats = numeric.flatMap { v -> [String] in
                let xs = members.compactMap { $0.result.values[v]?.doubleValue }
                return statistics.map { ResultCSV.cell(.number($0.compute(xs))) }
            }
            return key.map(\.description) + ["\(members.count)"] + stats
        }
        return ResultCSV(header: header, rows: body)
    }

    private static func less(_ a: ParameterValue, _ b: ParameterValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y
        case (.string(let x), .string(let y)): return x < y
        case (.list(let x), .list(let y)): return x.lexicographicallyPrecedes(y, by: less)
        default: return rank(a) < rank(b)   // numbers, then strings, then lists
        }
    }

    private static func rank(_ v: ParameterValue) -> Int {
        switch v {
        case .number: return 0
        case .string: return 1
        case .list: return 2
        }
    }
}

/// A CSV table (RFC 4180 quoting), written durably.
public struct ResultCSV: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]

    /// A value as a cell: numbers with full precision, NaN as an empty cell.
    static func cell(_ v: ParameterValue) -> String {
        if case .number(let d) = v, d.isNaN { return "" }
        return v.description
    }

    public var text: String {
        CSVWriter.text([header] + rows)
    }


    /// Writes the table to `path` durably (`DurableFile`: temporary name, fsync, rename).
    public func write(to path: String) throws {
        do throws(DurableFileError) { try DurableFile.write(Array(text.utf8), to: path) } catch {
            throw BatchError.invalidArgument(error.description)
        }
    }
}
