import Foundation

/// A receiver gate. A point gate samples the response at `open == close`; a boxcar gate returns the
/// time average (1/(close − open)) ∫_open^close f(t) dt. Times in seconds after the end of the switch-off.
public struct Gate: Sendable, Hashable, Codable {
    public var open: Double
    public var close: Double
    public init(open: Double, close: Double) {
        self.open = open
        self.close = close
    }
    /// A point sample at time `t`.
    public static func point(_ t: Double) -> Gate { Gate(open: t, close: t) }
    public var isPoint: Bool { open == close }
    /// Geometric centre of the gate, s.
    public var centre: Double { (open * close).squareRoot() }
}

/// A central-loop TEM system: horizontal circular transmitter loop of radius `loopRadius` (m) at height
/// `height` (m, ≥ 0) above the surface, receiver (vertical field, point) at the loop centre in the loop plane,
/// 1 A transmitter current, and the receiver gates.
///
/// Waveform: the current is 1 A for all earlier times and falls linearly to 0 over `rampTime` seconds; t = 0 is
/// the *end* of the ramp, and every gate time is measured from it. `rampTime = 0` is the ideal step-off. The
/// ramp response is (1/τ) ∫_0^τ f_step(t + u) du (superposition of steps spread over the ramp).
public struct TEMSystem: Sendable, Hashable, Codable {
    /// Loop radius a, m (> 0). A square loop of side s is modelled as the equal-area circle a = s/√π.
    public var loopRadius: Double
    /// Height H of loop and receiver above the surface, m (≥ 0).
    public var height: Double
    /// Gates in strictly increasing order (open times strictly increasing; point gates: times strictly increasing).
    public var gates: [Gate]
    /// Linear ramp-off duration τ, s (≥ 0). 0 = ideal step-off.
    public var rampTime: Double

    /// Point-sampled gates at `times` (s).
    public init(loopRadius: Double, height: Double = 0, times: [Double], rampTime: Double = 0) throws {
        try self.init(loopRadius: loopRadius, height: height, gates: times.map(Gate.point), rampTime: rampTime)
    }

    /// General gates (point or boxcar).
    public init(loopRadius: Double, height: Double = 0, gates: [Gate], rampTime: Double = 0) throws {
        self.loopRadius = loopRadius
        self.height = height
        self.gates = gates
        self.rampTime = rampTime
        try validate()
    }

    /// A square loop of side `side` (m), modelled as the circle of equal area (radius side/√π).
    public static func squareLoop(side: Double, height: Double = 0, times: [Double], rampTime: Double = 0) throws -> TEMSystem {
        try TEMSystem(loopRadius: side / Double.pi.squareRoot(), height: height, times: times, rampTime: rampTime)
    }

    /// Gate centre times (geometric centre for boxcar gates), s.
    public var times: [Double] { gates.map(\.centre) }

    /// Validates geometry, ramp and gates (positive, finite, strictly increasing open times, open ≤ close).
    /// Gate times geotool models: 0.1 ns to 100 s after the turn-off, beyond the earliest and latest gates of
    /// any airborne or ground TEM system (SkyTEM/WalkTEM gates span ~1 µs–10 ms; the lowest base frequencies
    /// in use, ~1 Hz, end gates before 0.5 s); anything outside is a unit error, not a measurement.
    public static let gateTimes: ClosedRange<Double> = 1e-10...100

    /// Most gates a system may have (real instruments have 20–40 per moment).
    public static let maxGates = 10_000

    public func validate() throws {
        guard loopRadius > 0, loopRadius.isFinite else {
            throw TEM1DError.invalidParameter(what: "loop radius", value: loopRadius, reason: "must be finite and > 0 m")
        }
        guard height >= 0, height.isFinite else {
            throw TEM1DError.invalidParameter(what: "height", value: height, reason: "must be finite and >= 0 m")
        }
        guard rampTime >= 0, rampTime.isFinite else {
            throw TEM1DError.invalidParameter(what: "ramp time", value: rampTime, reason: "must be finite and >= 0 s")
        }
        guard !gates.isEmpty else {
            throw TEM1DError.invalidParameter(what: "gate count", value: 0, reason: "at least one gate is required")
        }
        guard gates.count <= Self.maxGates else {
            throw TEM1DError.invalidParameter(what: "gate count", value: Double(gates.count),
                                              reason: "at most \(Self.maxGates) gates (instruments have tens)")
        }
        for (i, g) in gates.enumerated() {
            guard g.open > 0, g.open.isFinite, g.close.isFinite else {
                throw TEM1DError.invalidParameter(what: "time[\(i)]", value: g.open, reason: "gate times must be finite and > 0 s")
            }
            guard Self.gateTimes.contains(g.open), Self.gateTimes.contains(g.close) else {
                throw TEM1DError.invalidParameter(what: "time[\(i)]", value: g.open < Self.gateTimes.lowerBound ? g.open : g.close,
                                                  reason: "gate times must be within 1e-10…100 s")
            }
            guard g.close >= g.open else {
                throw TEM1DError.invalidParameter(what: "gate[\(i)] close", value: g.close, reason: "gate close time must be >= open time \(g.open) s")
            }
            if i > 0, !(g.open > gates[i - 1].open) {
                throw TEM1DError.nonIncreasingTimes(index: i, previous: gates[i - 1].open, value: g.open)
            }
        }
    }
}
