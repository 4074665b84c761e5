import Foundation
import GeoSupport
import Plot

/// Predicted against observed with the 1:1 line, a least-squares line and N/RMSE/bias/R²
/// (`geotool plot scatter`, the `scatter` plot job).
struct ScatterPlotRequest: PlotRequest {
    var csv: String
    /// Column of observed values (x axis).
    var x: String
    /// Column of predicted values (y axis).
    var y: String
    var fitLine = true
    var layout = FigureLayout()

    /// Values `n`, `rmse`, `bias`, `r2`.
    func render(to output: String) throws -> [String: Double] {
        let table = try CSVTable(path: csv)
        let obs = try table.numbers(x), pred = try table.numbers(y)
        let metrics = try Metrics(observed: obs, predicted: pred)
        let panel = try Panel.scatter(observed: obs, predicted: pred,
                                      options: ScatterOptions(xLabel: x, yLabel: y, fitLine: fitLine))
        try writeFigure(layout.figure(panel, fallbackTitle: "\(y) vs \(x)"), to: output)
        return ["n": Double(metrics.count), "rmse": metrics.rmse, "bias": metrics.bias, "r2": metrics.r2]
    }
}
