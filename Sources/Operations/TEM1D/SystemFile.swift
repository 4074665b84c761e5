import TEM1D

/// The central-loop system file (YAML), see fixtures/tem1d/system.yaml:
///
/// ```yaml
/// loop_radius: 20.0          # m; or loop_side: 35.45 (square loop → equal-area circle), exactly one of the two
/// height: 0.0                # m above the surface, >= 0 (default 0)
/// ramp_time: 0.0             # s, linear ramp-off ending at t = 0 (default 0 = ideal step-off)
/// times:                     # point gates, s after the end of the ramp; exactly one of times / gates:
///   logspace: {start: 1.0e-6, stop: 1.0e-2, num: 30}   #   start/stop are times in s, not exponents
/// # times: [1.0e-5, 2.0e-5, 4.0e-5]                      #   or an explicit strictly increasing list
/// # gates: [[1.0e-5, 1.5e-5], [1.5e-5, 2.5e-5]]          #   or boxcar gates [open, close] (time averages)
/// ```
public enum SystemFile {
    static let keys = ["loop_radius", "loop_side", "height", "ramp_time", "times", "gates"]

    /// Reads and validates a system file; errors are one line naming the file, line and key path.
    public static func load(_ file: String) throws -> TEMSystem {
        let root = try YAMLField.load(file: file)
        try root.checkKeys(keys)
        let radius = try root.optional("loop_radius"), side = try root.optional("loop_side")
        let loopRadius: Double
        switch (radius, side) {
        case let (r?, nil): loopRadius = try r.positive("loop radius (m)")
        case let (nil, s?): loopRadius = try s.positive("loop side (m)") / Double.pi.squareRoot()
        default: throw root.error("give exactly one of loop_radius (m) or loop_side (m)")
        }
        let height = try root.optional("height")?.nonNegative("height (m)") ?? 0
        let ramp = try root.optional("ramp_time")?.nonNegative("ramp time (s)") ?? 0
        let gates: [Gate]
        switch (try root.optional("times"), try root.optional("gates")) {
        case let (t?, nil): gates = try pointGates(t)
        case let (nil, g?): gates = try boxcarGates(g)
        default: throw root.error("give exactly one of times (point gates) or gates ([open, close] pairs)")
        }
        do {
            return try TEMSystem(loopRadius: loopRadius, height: height, gates: gates, rampTime: ramp)
        } catch let e as TEM1DError {
            throw OperationError("\(file): \(e)")
        }
    }

    /// `times: [t…]` or `times: {logspace: {start, stop, num}}`; strictly increasing, > 0.
    private static func pointGates(_ field: YAMLField) throws -> [Gate] {
        if field.isSequence {
            let items = try field.items()
            guard !items.isEmpty else { throw field.error("needs at least one time") }
            var times: [Double] = []
            for item in items {
                let t = try item.positive("gate time (s)")
                if let last = times.last, !(t > last) {
                    throw item.error("gate times must be strictly increasing: \(t) s follows \(last) s")
                }
                times.append(t)
            }
            return times.map(Gate.point)
        }
        let (_, spacing) = try field.singleKey(["logspace"])
        let times = try Spacing(spacing, what: "gate time (s)").spec(logarithmic: true).deterministicValues() ?? []
        if times.count > 1, !(times[1] > times[0]) {
            throw spacing.error("gate times must be strictly increasing: start must be < stop")
        }
        return times.map(Gate.point)
    }

    /// `gates: [[open, close], …]`; open > 0, close >= open, open times strictly increasing.
    private static func boxcarGates(_ field: YAMLField) throws -> [Gate] {
        let items = try field.items()
        guard !items.isEmpty else { throw field.error("needs at least one gate") }
        var gates: [Gate] = []
        for item in items {
            let pair = try item.items()
            guard pair.count == 2 else { throw item.error("a gate is [open, close] in s, got \(pair.count) values") }
            let open = try pair[0].positive("gate open time (s)"), close = try pair[1].positive("gate close time (s)")
            guard close >= open else { throw item.error("gate close time \(close) s is before its open time \(open) s") }
            if let last = gates.last, !(open > last.open) {
                throw item.error("gate times must be strictly increasing: open \(open) s follows \(last.open) s")
            }
            gates.append(Gate(open: open, close: close))
        }
        return gates
    }
}
