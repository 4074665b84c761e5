/// A transmitter current waveform: straight lines between vertices (t_i, I_i), times in s on the same axis as the
/// receiver windows, currents in units of the peak current (the GA-AEM `WaveFormCurrent` block). The current is 0
/// before the first and after the last vertex, so both end vertices must have zero current: the waveform is one
/// pulse, and a base frequency repeats it (see `TEMMoment`).
public struct Waveform: Sendable, Hashable, Codable {
    /// Vertex times, s, strictly increasing.
    public var times: [Double]
    /// Vertex currents in units of the peak current (finite; first and last 0).
    public var currents: [Double]

    /// Most vertices a waveform may have (measured waveforms have tens; a fine staircase thousands).
    public static let maxVertices = 100_000
    /// Times a waveform vertex may have, s (the gate axis; anything beyond is a unit error).
    public static let timeRange: ClosedRange<Double> = -100...100

    /// Creates and validates a waveform.
    public init(times: [Double], currents: [Double]) throws {
        self.times = times
        self.currents = currents
        try validate()
    }

    /// Checks counts, finiteness, strictly increasing times and zero current at both ends.
    public func validate() throws {
        guard times.count == currents.count else {
            throw TEM1DError.invalidParameter(what: "waveform", value: Double(currents.count),
                                              reason: "needs one current per time (\(times.count) times)")
        }
        guard times.count >= 2, times.count <= Self.maxVertices else {
            throw TEM1DError.invalidParameter(what: "waveform vertex count", value: Double(times.count),
                                              reason: "must be within 2…\(Self.maxVertices)")
        }
        for i in times.indices {
            guard times[i].isFinite, Self.timeRange.contains(times[i]) else {
                throw TEM1DError.invalidParameter(what: "waveform time[\(i)]", value: times[i],
                                                  reason: "must be finite and within -100…100 s")
            }
            guard currents[i].isFinite else {
                throw TEM1DError.invalidParameter(what: "waveform current[\(i)]", value: currents[i], reason: "must be finite")
            }
            if i > 0, !(times[i] > times[i - 1]) {
                throw TEM1DError.invalidParameter(what: "waveform time[\(i)]", value: times[i],
                                                  reason: "waveform times must be strictly increasing (previous \(times[i - 1]) s)")
            }
        }
        guard currents.first == 0, currents.last == 0 else {
            throw TEM1DError.invalidParameter(what: "waveform current", value: currents.first != 0 ? currents[0] : currents[currents.count - 1],
                                              reason: "the first and the last vertex must have zero current (one pulse)")
        }
    }

    /// Time from the first to the last vertex, s.
    public var duration: Double { times[times.count - 1] - times[0] }

    /// The vertices where the slope changes, with Δm = (slope before) − (slope after) in peak currents per s (0
    /// outside the waveform). The current is I(t) = −Σ_v Δm_v (t − τ_v)₊, so a linear system's response is
    /// −Σ_v Δm_v (response to the unit ramp (t − τ_v)₊).
    public var kinks: [(time: Double, slopeChange: Double)] {
        var out: [(time: Double, slopeChange: Double)] = []
        var before = 0.0
        for i in times.indices {
            let after = i + 1 < times.count ? (currents[i + 1] - currents[i]) / (times[i + 1] - times[i]) : 0
            let change = before - after
            if change != 0 { out.append((times[i], change)) }
            before = after
        }
        return out
    }
}
