import Foundation

/// Ticks for a base-10 logarithmic axis: labelled decades 10ᵏ and unlabelled minor ticks at 2…9 × 10ᵏ.
public enum LogTicks {
    /// Ticks for the positive range [lo, hi]. When more than `maxLabels` decades would be labelled,
    /// only every n-th decade is labelled (and minor ticks are dropped when decades are dense).
    public static func ticks(min lo: Double, max hi: Double, maxLabels: Int = 8) -> [Tick] {
        guard lo > 0, hi > 0, lo.isFinite, hi.isFinite else { return [] }
        let a = Swift.min(lo, hi), b = Swift.max(lo, hi)
        let k0 = Int(floor(log10(a) + 1e-9)), k1 = Int(ceil(log10(b) - 1e-9))
        let decades = k1 - k0
        let every = Swift.max(1, Int(ceil(Double(decades + 1) / Double(Swift.max(maxLabels, 1)))))
        let tol = 1e-9
        var out: [Tick] = []
        for k in k0...Swift.max(k0, k1) {
            let d = pow(10, Double(k))
            if d >= a * (1 - tol) && d <= b * (1 + tol) {
                let labelled = k % every == 0
                out.append(Tick(value: d, isMajor: labelled,
                                label: labelled ? TickLabel("10", exponent: NiceNumbers.minus(String(k))) : TickLabel("")))
            }
            if every == 1 && decades <= 12 {
                for m in 2...9 {
                    let v = Double(m) * d
                    if v >= a * (1 - tol) && v <= b * (1 + tol) { out.append(Tick(value: v, isMajor: false)) }
                }
            }
        }
        // A range inside one decade has no labelled decade: label its nice linear ticks instead.
        if !out.contains(where: { $0.isMajor }) {
            let t = NiceNumbers.ticks(min: a, max: b, count: 4)
            return zip(t.values, NiceNumbers.labels(t.values, step: t.step)).map { Tick(value: $0, label: $1) }
        }
        return out
    }
}
