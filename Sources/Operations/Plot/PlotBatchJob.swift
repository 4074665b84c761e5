import Foundation
import GeoSupport
import Plot

/// The groups of a `plot batch` run and how to render one of them (safe to call from worker threads:
/// every render has its own cairo surface; the job holds only immutable values).
public struct PlotBatchJob: Sendable {
    /// What rendering one group gave: its summary fields, whether a complete PNG was kept, or the error.
    public struct Outcome: Sendable {
        public var metrics: [String]
        public var skipped = false
        public var error: String?
    }

    public let kind: PlotBatchKind
    /// The groups: the values of the grouping columns and the rows of each, in sorted key order.
    public let groups: [(key: [String], rows: [Int])]
    /// The PNG file name of each group.
    public let fileNames: [String]
    let xValues: [Double]
    let yValues: [Double]
    let xName: String
    let yName: String
    let figure: FigureLayout
    let directory: String
    let force: Bool

    /// The summary columns of each group.
    public var metricColumns: [String] { kind == .scatter ? ["n", "rmse", "bias", "r2"] : ["n", "mean", "min", "max"] }

    /// Parses the columns once (missing columns and bad numbers fail here, naming file and column).
    public init(table: CSVTable, kind: PlotBatchKind, x: String, y: String, by: [String], figure: FigureLayout,
         directory: String, force: Bool) throws {
        self.kind = kind
        xValues = kind == .series ? try table.dates(x) : try table.numbers(x)
        yValues = try table.numbers(y)
        groups = try table.groups(by: by)
        fileNames = PlotBatchJob.uniqueNames(groups.map(\.key))
        xName = x
        yName = y
        self.figure = figure
        self.directory = directory
        self.force = force
    }

    /// File names from group keys: values joined by "_", characters other than letters, digits,
    /// '.', '-' and '_' replaced by '-'; duplicates get a numeric suffix.
    public static func uniqueNames(_ keys: [[String]]) -> [String] {
        var used: [String: Int] = [:]
        return keys.map { key in
            let base = key.map { v in
                String(v.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "-" })
            }.joined(separator: "_")
            let stem = base.isEmpty ? "group" : PathComponent(sanitizing: base).name   // no leading '.' (hidden)
            used[stem, default: 0] += 1
            let n = used[stem]!
            return n == 1 ? "\(stem).png" : "\(stem)-\(n).png"
        }
    }

    /// Renders group `i` to its PNG in the directory (kept if complete, unless forced); never throws.
    public func render(_ i: Int) -> Outcome {
        let g = groups[i]
        let xs = g.rows.map { xValues[$0] }, ys = g.rows.map { yValues[$0] }
        var outcome = Outcome(metrics: summary(xs, ys))
        let path = "\(directory)/\(fileNames[i])"
        if !force && PNGIntegrity.isComplete(path) {   // zero-byte, truncated or foreign files are redrawn
            outcome.skipped = true
            return outcome
        }
        do {
            let panel: Panel
            switch kind {
            case .scatter:
                panel = try Panel.scatter(observed: xs, predicted: ys, options: ScatterOptions(xLabel: xName, yLabel: yName))
            case .series:
                let order = xs.indices.sorted { xs[$0] < xs[$1] }
                panel = Panel.series([try Series(x: order.map { xs[$0] }, y: order.map { ys[$0] })],
                                     options: LineOptions(xLabel: "Date (UTC)", yLabel: yName, showLegend: false))
            }
            try figure.figure(panel, fallbackTitle: g.key.joined(separator: " · ")).write(to: path)
        } catch {
            outcome.error = "\(path): \(error)"
        }
        return outcome
    }

    /// The summary fields of one group.
    public func summary(_ xs: [Double], _ ys: [Double]) -> [String] {
        let f = PlotSummary.format
        switch kind {
        case .scatter:
            guard let m = try? Metrics(observed: xs, predicted: ys) else { return ["0", "", "", ""] }
            return ["\(m.count)", f(m.rmse), f(m.bias), f(m.r2)]
        case .series:
            let v = zip(xs, ys).filter { $0.0.isFinite && $0.1.isFinite }.map(\.1)
            guard !v.isEmpty else { return ["0", "", "", ""] }
            return ["\(v.count)", f(v.reduce(0, +) / Double(v.count)), f(v.min()!), f(v.max()!)]
        }
    }
}
