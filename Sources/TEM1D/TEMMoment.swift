/// One transmitter moment of a real instrument: its current waveform, repetition, receiver windows, window weighting
/// and receiver filters (one GA-AEM `.stm` file describes one moment).
///
/// Conventions (see docs/TEM1D.md): time zero is the waveform's t = 0 and the windows are on the same axis. With a
/// base frequency f0 the excitation is the steady-state bipolar waveform of period 1/f0: the pulse repeated every
/// half period T/2 = 1/(2 f0) with alternating sign, from the infinite past; without one, a single pulse. Outputs are
/// per 1 A of peak current (the waveform's unit): `peakCurrent` is recorded, not applied.
public struct TEMMoment: Sendable, Hashable, Codable {
    /// A name for output columns and messages (e.g. "LM", "HM").
    public var name: String
    public var waveform: Waveform
    /// Base frequency f0, Hz; nil: a single pulse (no repetition).
    public var baseFrequency: Double?
    /// The instrument's peak current, A (metadata: outputs are per 1 A of peak current).
    public var peakCurrent: Double
    /// Receiver windows [open, close], s, on the waveform's time axis; open < close, in increasing order, not
    /// overlapping (open of one ≥ close of the previous).
    public var windows: [Gate]
    public var weighting: WindowWeighting
    /// Cascaded receiver low-pass filters (none: an ideal receiver).
    public var filters: [LowPassFilter]
    /// Number of full periods of the repetition summed (2 × periods pulses back from the current one, plus the
    /// half-weighted next one; see `InstrumentModeller`). Ignored without a base frequency.
    public var periods: Int

    /// Default number of periods summed: doubling it changes no gate of the SkyTEM systems by more than 1e-6
    /// (RepetitionTests).
    public static let defaultPeriods = 32
    /// Periods a moment may sum.
    public static let periodRange: ClosedRange<Int> = 1...4096
    /// Most windows per moment.
    public static let maxWindows = 1_000

    /// Creates and validates a moment.
    public init(name: String, waveform: Waveform, baseFrequency: Double?, peakCurrent: Double = 1, windows: [Gate],
                weighting: WindowWeighting = .areaUnderCurve, filters: [LowPassFilter] = [],
                periods: Int = TEMMoment.defaultPeriods) throws {
        self.name = name
        self.waveform = waveform
        self.baseFrequency = baseFrequency
        self.peakCurrent = peakCurrent
        self.windows = windows
        self.weighting = weighting
        self.filters = filters
        self.periods = periods
        try validate()
    }

    /// Half period T/2 = 1/(2 f0), s (nil without a base frequency).
    public var halfPeriod: Double? { baseFrequency.map { 0.5 / $0 } }

    /// Checks waveform, base frequency (its half period must hold the whole pulse), windows and filters.
    public func validate() throws {
        try waveform.validate()
        for f in filters { try f.validate() }
        guard peakCurrent > 0, peakCurrent.isFinite else {
            throw TEM1DError.invalidParameter(what: "peak current", value: peakCurrent, reason: "must be finite and > 0 A")
        }
        if let f0 = baseFrequency {
            guard f0 > 0, f0.isFinite else {
                throw TEM1DError.invalidParameter(what: "base frequency", value: f0, reason: "must be finite and > 0 Hz")
            }
            // Equal up to rounding is fine: GA-AEM's files give exactly one half cycle.
            guard waveform.duration <= 0.5 / f0 * (1 + 1e-9) else {
                throw TEM1DError.invalidParameter(what: "base frequency", value: f0,
                                                  reason: "its half period \(0.5 / f0) s is shorter than the waveform (\(waveform.duration) s)")
            }
            guard Self.periodRange.contains(periods) else {
                throw TEM1DError.invalidParameter(what: "periods", value: Double(periods), reason: "must be within 1…4096")
            }
        }
        guard !windows.isEmpty, windows.count <= Self.maxWindows else {
            throw TEM1DError.invalidParameter(what: "window count", value: Double(windows.count), reason: "must be within 1…\(Self.maxWindows)")
        }
        for (i, w) in windows.enumerated() {
            guard w.open.isFinite, w.close.isFinite, Waveform.timeRange.contains(w.open), Waveform.timeRange.contains(w.close) else {
                throw TEM1DError.invalidParameter(what: "window[\(i)]", value: w.open.isFinite ? w.close : w.open,
                                                  reason: "window times must be finite and within -100…100 s")
            }
            guard w.close > w.open else {
                throw TEM1DError.invalidParameter(what: "window[\(i)] close", value: w.close,
                                                  reason: "a window must close after it opens (open \(w.open) s)")
            }
            if i > 0, w.open < windows[i - 1].close {
                throw TEM1DError.invalidParameter(what: "window[\(i)] open", value: w.open,
                                                  reason: "windows must not overlap: the previous window closes at \(windows[i - 1].close) s")
            }
            // The weighting's reach included: later pulses than the next one would matter beyond one period.
            if let half = halfPeriod, w.close + weighting.reach * (w.close - w.open) > waveform.times[0] + 2 * half {
                throw TEM1DError.invalidParameter(what: "window[\(i)] close", value: w.close,
                                                  reason: "windows (with their \(weighting.rawValue) weighting) must end within one period of the waveform's start, by \(waveform.times[0] + 2 * half) s")
            }
        }
    }
}
