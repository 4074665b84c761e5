import Foundation
import GeoSupport
import Plot

/// Predicted against observed with the 1:1 line, a least-squares line and N/RMSE/bias/R²
/// (`geotool plot scatter`, the `scatter` plot job).
public struct ScatterPlotRequest: PlotRequest {
    public var csv: String
    /// Column of observed values (x axis).
    public var x: String
    /// Column of predicted values (y axis).
    public var y: String
    public var fitLine = true
    public var layout = FigureLayout()

    /// Column `y` (predicted) against column `x` (observed) of `csv`, with a least-squares line if `fitLine`.
    public init(csv: String, x: String, y: String, fitLine: Bool = true, layout: FigureLayout = FigureLayout()) {
        self.csv = csv
        self.x = x
        self.y = y
        self.fitLine = fitLine
        self.layout = layout
    }

    /// Values `n`, `rmse`, `bias`, `r2`.
    public func render(to output: String) throws -> [String: Double] {
        let table = try CSVTable(path: csv)
        let obs = try table.numbers(x), pred = try table.numbers(y)
        let metrics = try Metrics(observed: obs, predicted: pred)
        let panel = try Panel.scatter(observed: obs, predicted: pred,
                                      options: ScatterOptions(xLabel: x, yLabel: y, fitLine: fitLine))
        try layout.write(panel, fallbackTitle: "\(y) vs \(x)", to: output)
        return ["n": Double(metrics.count), "rmse": metrics.rmse, "bias": metrics.bias, "r2": metrics.r2]
    }
}
