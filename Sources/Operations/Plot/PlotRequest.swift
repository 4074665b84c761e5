/// One figure to draw, as typed data: a `geotool plot <type>` command and a `plot` job both build one and
/// call `render(to:)` — no command line is ever assembled from a job's parameters.
public protocol PlotRequest: Sendable {
    /// Draws the figure to the PNG `output` (written atomically) and returns the figure's summary
    /// values (e.g. a scatter's n, rmse, bias, r2; empty for a map).
    func render(to output: String) throws -> [String: Double]
}
