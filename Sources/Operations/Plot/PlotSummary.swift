/// Text forms of metrics for stdout and summary files.
public enum PlotSummary {
    /// `n=… rmse=… bias=… r2=…` of a scatter's values.
    public static func metricsLine(_ v: [String: Double]) -> String {
        "n=\(Int(v["n"] ?? 0)) rmse=\(format(v["rmse"] ?? .nan)) bias=\(format(v["bias"] ?? .nan)) r2=\(format(v["r2"] ?? .nan))"
    }

    /// A number for CSV output: shortest round-trip form, empty for NaN.
    public static func format(_ v: Double) -> String { v.isFinite ? "\(v)" : "" }
}
