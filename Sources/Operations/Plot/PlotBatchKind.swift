/// The figure of each group of a plot batch: predicted against observed (`scatter`) or a time series (`series`).
public enum PlotBatchKind: String, CaseIterable, Sendable {
    case scatter, series
}
