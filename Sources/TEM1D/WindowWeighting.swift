/// How a receiver window [open, close] (width W) weights the signal f(t), after GA-AEM's
/// `Receiver.WindowWeightingScheme` (`src/tdemsystem.cpp`), taken to the continuous limit:
///
/// * `areaUnderCurve`, `boxcar`: the exact mean (1/W) ∫_open^close f(t) dt. GA-AEM's two schemes differ only in how
///   they weight discrete samples at the window edges; both converge to this mean as its sampling interval → 0.
/// * `linearTaper`: weight rising linearly from 0 at open − W to 1 at open, 1 on the window, falling to 0 at close + W
///   (GA-AEM extends each window by its own length on both sides), normalised to unit area (2W).
public enum WindowWeighting: String, Sendable, Hashable, Codable, CaseIterable {
    case areaUnderCurve = "AreaUnderCurve"
    case boxcar = "Boxcar"
    case linearTaper = "LinearTaper"

    /// The window as a combination of antiderivatives of the signal: value = Σ c_i F_{p_i}(t_i), F_p the p-th
    /// antiderivative of f (any constant of integration cancels because Σ c_i t_i^k = 0 for k < p).
    func terms(open t1: Double, close t2: Double) -> [(time: Double, coefficient: Double, order: Int)] {
        let w = t2 - t1
        switch self {
        case .areaUnderCurve, .boxcar:
            return [(t2, 1 / w, 1), (t1, -1 / w, 1)]
        case .linearTaper:
            // ∫ weight·f = −∫ weight′·F_1 = −(1/W)[F_2(t1) − F_2(t1 − W)] + (1/W)[F_2(t2 + W) − F_2(t2)], over 2W.
            let c = 1 / (2 * w * w)
            return [(t1 - w, c, 2), (t1, -c, 2), (t2, -c, 2), (t2 + w, c, 2)]
        }
    }

    /// How far the weight reaches beyond the window on each side, in window widths.
    var reach: Double { self == .linearTaper ? 1 : 0 }
}
