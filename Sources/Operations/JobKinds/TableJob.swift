import Batch
import Foundation
import GeoSupport

/// `table`: gathers a workflow fan-in into one CSV. `column_1`, `column_2`, … are lists of the same length
/// (e.g. `${scenarios.parameters.C}`, `${scenarios.results.mean_t_ha_yr}`: one element per upstream job, in
/// job order); `names` gives their headers. Writes `table.csv` (RFC 4180; numbers in their shortest exact
/// form), one row per element — what `plot` (scatter, series, hist) and `batch results` readers take.
public struct TableJob: JobRunner {
    public let kind = "table"
    public let products = KindProducts(outputs: ["table"], results: ["rows", "columns"])
    public let schema = ParameterSchema([
        ParameterDeclaration("names", .text, required: true, help: "comma-separated column names, one per column_N"),
        ParameterDeclaration("column_", .list(of: .text), required: true, numbered: true,
                             help: "the values of column N (a workflow fan-in: one per upstream job)"),
        ParameterDeclaration("output", .outputFileName(suffix: ".csv"), default: "table.csv",
                             help: "file name of the CSV in the job's output directory"),
    ])

    /// The kind, stateless.
    public init() {}

    public func validate(parameters p: JobParameters) throws {
        _ = try Self.columns(p)
    }

    /// The headers and columns, checked: one name per column, columns 1…N without gaps, equal lengths.
    static func columns(_ p: JobParameters) throws -> (names: [String], columns: [[ParameterValue]]) {
        let names = (p["names"]?.description ?? "").split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var columns: [[ParameterValue]] = []
        while let v = p["column_\(columns.count + 1)"] { columns.append(v.elements) }
        let given = p.keys.filter { $0.hasPrefix("column_") }.count
        guard given == columns.count else {
            throw BatchError.invalidSpec(path: "parameters.column_\(columns.count + 1)", message: "is missing (columns must be numbered 1…N without gaps)")
        }
        guard names.count == columns.count, !names.contains("") else {
            throw BatchError.invalidSpec(path: "parameters.names", message: "needs one non-empty name per column (\(columns.count) columns, \(names.count) names)")
        }
        if let n = columns.first?.count, let bad = columns.firstIndex(where: { $0.count != n }) {
            throw BatchError.invalidSpec(path: "parameters.column_\(bad + 1)",
                                         message: "has \(columns[bad].count) values, column_1 has \(n) (every column needs one per row)")
        }
        return (names, columns)
    }

    public func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        let (names, columns) = try Self.columns(p)
        let rows = columns.first?.count ?? 0
        let records = [names] + (0..<rows).map { i in columns.map { $0[i].description } }
        let file = try context.writeOutput(p["output"]?.description ?? "table.csv") { tmp in
            try Data(CSVWriter.text(records).utf8).write(to: URL(fileURLWithPath: tmp))
        }
        return JobResult(values: ["rows": .number(Double(rows)), "columns": .number(Double(columns.count))], outputs: [file])
    }
}
