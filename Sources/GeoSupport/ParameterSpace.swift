import Foundation

/// A parameter space in the one spec vocabulary shared by batch specs and TEM1D model specs: how each named
/// parameter varies (`ParameterSpec`: value, list, grid, sweep, monte_carlo), how many Monte Carlo samples
/// per combination, how many seeded replicates, and the design (every combination of the axes, or one axis
/// at a time around the first values). It counts its points without generating them and generates them
/// one at a time, so a 10⁹-point space costs nothing to count and memory never grows with the count.
///
/// Point order: list scenario (outermost), then the grid/sweep axes in `order` (last fastest), then Monte
/// Carlo sample, then seed replicate. Monte Carlo sample i draws, parameter by parameter in `order`, from
/// `SplitMix64(seed: mix(monte_carlo.seed, i))`, so every combination sees the same samples (common random
/// numbers); the `seed` parameter is `mix(seed, combination, replicate)` truncated to 31 bits. Identical on
/// every machine.
public struct ParameterSpace: Sendable, Equatable {
    /// How the grid/sweep axes combine.
    public enum Design: String, Sendable, Equatable {
        /// Every combination of the axes (Cartesian product).
        case factorial
        /// The base point (every axis at its first value), then each axis alone over its other values.
        case oneAtATime = "one_at_a_time"
    }

    public var parameters: [String: ParameterSpec]
    /// Parameter order for axes and draws; nil: sorted names.
    public var order: [String]?
    public var monteCarloSamples = 1
    public var monteCarloSeed: UInt64 = 0
    /// nil: no `seed` parameter.
    public var seedsPerCombination: Int?
    public var seed: UInt64 = 0
    public var design = Design.factorial

    public init(parameters: [String: ParameterSpec] = [:], order: [String]? = nil) {
        self.parameters = parameters
        self.order = order
    }

    /// The keys `readSampling` reads from a spec's top level.
    public static let samplingKeys: Set<String> = ["monte_carlo", "seeds_per_combination", "seed", "design"]

    /// Reads `monte_carlo: {n, seed}`, `seeds_per_combination`, `seed` and `design` from `root` (after the
    /// parameters are set: `monte_carlo` is required exactly when a parameter is sampled). `path` names a
    /// parameter in messages (where the spec gives it).
    public mutating func readSampling(_ root: SpecNode, path: (String) -> String = { "parameters.\($0)" }) throws {
        let sampled = parameters.filter { if case .monteCarlo = $0.value { return true } else { return false } }
        if let mc = try root.optional("monte_carlo") {
            try mc.checkKeys(["n", "seed"])
            let n = try mc.required("n")
            monteCarloSamples = try n.int()
            guard monteCarloSamples > 0 else { throw n.fail("must be > 0") }
            if let s = try mc.optional("seed") { monteCarloSeed = UInt64(bitPattern: Int64(try s.int())) }
            guard !sampled.isEmpty else { throw mc.fail("given, but no parameter has monte_carlo") }
        } else if let name = sampled.keys.sorted().first {
            throw SpecError(path: "monte_carlo.n", message: "is required (\(path(name)) is sampled)")
        }
        if let n = try root.optional("seeds_per_combination") {
            seedsPerCombination = try n.int()
            guard seedsPerCombination! > 0 else { throw n.fail("must be > 0") }
            guard parameters["seed"] == nil else { throw SpecError(path: path("seed"), message: "is reserved by seeds_per_combination") }
        }
        if let s = try root.optional("seed") { seed = UInt64(bitPattern: Int64(try s.int())) }
        if let d = try root.optional("design") {
            guard let design = Design(rawValue: try d.string()) else { throw d.fail("must be factorial or one_at_a_time") }
            self.design = design
        }
    }

    /// The names in point order.
    public var names: [String] { order ?? parameters.keys.sorted() }

    /// Number of points, from the axis lengths (overflow-checked; nothing is generated); nil when it
    /// exceeds `Int.max`. Throws when `list` parameters differ in length.
    public func count() throws -> Int? {
        let axes = axisLengths
        var combinations: Int
        switch design {
        case .factorial:
            combinations = 1
            for n in axes {
                let (r, overflow) = combinations.multipliedReportingOverflow(by: max(n, 0))
                if overflow { return nil }
                combinations = r
            }
        case .oneAtATime:
            combinations = 1
            for n in axes { combinations += max(n, 1) - 1 }
        }
        var total = try listLength()
        for f in [combinations, monteCarloSamples, seedsPerCombination ?? 1] {
            let (r, overflow) = total.multipliedReportingOverflow(by: max(f, 0))
            if overflow { return nil }
            total = r
        }
        return total
    }

    private var axisLengths: [Int] {
        names.compactMap { name -> Int? in
            switch parameters[name] {
            case .grid(let v)?: return v.count
            case .sweep(let s)?: return s.count
            default: return nil
            }
        }
    }

    private func listLength() throws -> Int {
        var length: Int?
        for name in parameters.keys.sorted() {
            guard case .list(let v) = parameters[name]! else { continue }
            if let l = length, l != v.count {
                throw SpecError(path: "parameters.\(name).list", message: "has \(v.count) items; every list must have \(l) (lists are zipped)")
            }
            length = v.count
        }
        return length ?? 1
    }

    /// Calls `body` with each point's varying parameters (constants included), in point order, one at a time.
    public func forEachPoint(_ body: ([String: ParameterValue]) throws -> Void) throws {
        var constants: [String: ParameterValue] = [:]
        var lists: [(String, [ParameterValue])] = []
        var axes: [(name: String, count: Int, value: (Int) -> ParameterValue)] = []
        var sampled: [(String, Distribution)] = []
        for name in names {
            switch parameters[name]! {
            case .value(let v): constants[name] = v
            case .list(let v): lists.append((name, v))
            case .grid(let v): axes.append((name, v.count, { v[$0] }))
            case .sweep(let s): axes.append((name, s.count, { .number(s.value(at: $0)) }))
            case .monteCarlo(let d): sampled.append((name, d))
            }
        }
        var combination: UInt64 = 0
        for scenario in 0..<(try listLength()) {
            var base = constants
            for (name, v) in lists { base[name] = v[scenario] }
            var index = [Int](repeating: 0, count: axes.count)
            var varying = design == .oneAtATime ? 0 : -1    // one at a time: the axis being varied (after the base point)
            repeat {
                var point = base
                for (a, axis) in axes.enumerated() { point[axis.name] = axis.value(index[a]) }
                for i in 0..<monteCarloSamples {
                    var p = point
                    var rng = SplitMix64(seed: Self.mix(monteCarloSeed, UInt64(i)))
                    for (name, d) in sampled { p[name] = .number(d.sample(&rng)) }
                    if let replicates = seedsPerCombination {
                        for r in 0..<replicates {
                            p["seed"] = .number(Double(Self.mix(Self.mix(seed, combination), UInt64(r)) & 0x7FFF_FFFF))
                            try body(p)
                        }
                    } else {
                        try body(p)
                    }
                    combination += 1
                }
            } while design == .factorial ? Self.advance(&index, counts: axes.map(\.count))
                                         : Self.advanceOneAtATime(&index, &varying, counts: axes.map(\.count))
        }
    }

    /// Every point (`forEachPoint` collected).
    public func points() throws -> [[String: ParameterValue]] {
        var out: [[String: ParameterValue]] = []
        try forEachPoint { out.append($0) }
        return out
    }

    /// Steps the odometer `index` (last axis fastest); false after the last point.
    private static func advance(_ index: inout [Int], counts: [Int]) -> Bool {
        var a = index.count - 1
        while a >= 0 {
            index[a] += 1
            if index[a] < counts[a] { return true }
            index[a] = 0
            a -= 1
        }
        return false
    }

    /// One axis at a time: axis `varying` steps through 1…count−1 while the others stay at 0, then the next
    /// axis; false after the last.
    private static func advanceOneAtATime(_ index: inout [Int], _ varying: inout Int, counts: [Int]) -> Bool {
        while varying < counts.count {
            if index[varying] + 1 < counts[varying] {
                index[varying] += 1
                return true
            }
            index[varying] = 0
            varying += 1
        }
        return false
    }

    /// A well-mixed 64-bit combination of two values (one SplitMix64 step).
    public static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var r = SplitMix64(seed: a ^ (b &* 0xD1B5_4A32_D192_ED03))
        return r.next()
    }
}
