/// Agreement between predicted and observed values; pairs where either value is NaN or infinite are skipped.
///
/// Definitions (residual eᵢ = predictedᵢ − observedᵢ, over the N valid pairs):
/// - `rmse` = √(Σ eᵢ² / N)
/// - `bias` = Σ eᵢ / N  (positive: the prediction is too high)
/// - `r2`   = coefficient of determination against the observations, 1 − SSres/SStot with
///   SSres = Σ eᵢ² and SStot = Σ (observedᵢ − mean(observed))². It measures agreement with the
///   1:1 line, so it is ≤ 1 and may be negative; it is *not* the squared Pearson correlation,
///   which is reported separately as `pearsonR` (its square is the R² of the fitted line).
/// Undefined values (N = 0, or SStot = 0 for `r2`, zero variance for `pearsonR`) are NaN.
public struct Metrics: Sendable, Equatable {
    /// Number of valid pairs.
    public let count: Int
    public let rmse: Double
    public let bias: Double
    public let r2: Double
    /// Pearson correlation coefficient of observed and predicted.
    public let pearsonR: Double
    /// Mean absolute error Σ|eᵢ| / N.
    public let mae: Double

    /// Metrics of `predicted` against `observed` (same length, else `PlotError.lengthMismatch`).
    /// Data near ±1e308, whose squared errors overflow, is measured on copies scaled by a power of
    /// two (exact) and the errors scaled back, so finite data gives finite metrics where they exist.
    public init(observed: [Double], predicted: [Double]) throws(PlotError) {
        guard observed.count == predicted.count else {
            throw .lengthMismatch(what: "observed/predicted", first: observed.count, second: predicted.count)
        }
        var m = Metrics(observed, predicted, scale: 1)
        if m.count > 0, ![m.rmse, m.bias, m.mae].allSatisfy(\.isFinite) || m.r2.isNaN && m.pearsonR.isNaN {
            let c = min(LinearFit.unitScale(observed, predicted), LinearFit.unitScale(predicted, observed))
            if c != 1 { m = Metrics(observed, predicted, scale: c) }
        }
        self = m
    }

    /// The metrics of c·observed and c·predicted, with rmse, bias and mae divided by c.
    private init(_ observed: [Double], _ predicted: [Double], scale c: Double) {
        var n = 0, so = 0.0, sp = 0.0
        for i in observed.indices where observed[i].isFinite && predicted[i].isFinite {
            n += 1; so += c * observed[i]; sp += c * predicted[i]
        }
        count = n
        guard n > 0 else { rmse = .nan; bias = .nan; r2 = .nan; pearsonR = .nan; mae = .nan; return }
        let mo = so / Double(n), mp = sp / Double(n)
        var sse = 0.0, se = 0.0, sae = 0.0, sst = 0.0, spp = 0.0, sop = 0.0
        for i in observed.indices where observed[i].isFinite && predicted[i].isFinite {
            let o = c * observed[i], p = c * predicted[i]
            let e = p - o
            let dobs = o - mo, dp = p - mp
            sse += e * e; se += e; sae += abs(e)
            sst += dobs * dobs; spp += dp * dp; sop += dobs * dp
        }
        rmse = (sse / Double(n)).squareRoot() / c
        bias = se / Double(n) / c
        mae = sae / Double(n) / c
        r2 = sst > 0 ? 1 - sse / sst : .nan
        pearsonR = sst > 0 && spp > 0 ? sop / (sst * spp).squareRoot() : .nan
    }
}
