import Foundation
import Grid

extension BatchSpec {
    /// Number of jobs the spec expands to; throws (naming `max_jobs`) when above the cap, or when
    /// `list` parameters differ in length.
    public func jobCount() throws -> Int {
        var count = try listLength()
        for (_, p) in parameters {
            let axis: Int
            switch p {
            case .grid(let v): axis = v.count
            case .sweep(let s): axis = s.values.count
            default: continue
            }
            count = count.multipliedReportingOverflow(by: max(axis, 1)).partialValue
        }
        count = count.multipliedReportingOverflow(by: monteCarloSamples).partialValue
        count = count.multipliedReportingOverflow(by: seedsPerCombination ?? 1).partialValue
        guard count > 0, count <= maxJobs else {
            throw BatchError.invalidSpec(path: "max_jobs",
                                         message: "the spec expands to \(count < 0 ? "too many" : String(count)) jobs, more than max_jobs (\(maxJobs)); raise max_jobs to allow")
        }
        return count
    }

    private func listLength() throws -> Int {
        var length: Int?
        for name in parameters.keys.sorted() {
            guard case .list(let v) = parameters[name]! else { continue }
            if let l = length, l != v.count {
                throw BatchError.invalidSpec(path: "parameters.\(name).list",
                                             message: "has \(v.count) items; every list must have \(l) (lists are zipped)")
            }
            length = v.count
        }
        return length ?? 1
    }

    /// The varying parameters of every job, in a fixed order: list scenario (outermost), then the
    /// grid/sweep axes by parameter name (last name fastest), then Monte Carlo sample, then seed
    /// replicate. Monte Carlo sample i draws from `SplitMix64(seed: mix(monte_carlo.seed, i))`, so
    /// every combination sees the same samples (common random numbers); the `seed` parameter is
    /// `mix(seed, combination, replicate)` truncated to 31 bits. Identical on every machine.
    public func expand() throws -> [JobParameters] {
        let total = try jobCount()
        let names = parameters.keys.sorted()
        var constants: JobParameters = [:]
        var lists: [(String, [ParameterValue])] = []
        var axes: [(String, [ParameterValue])] = []
        var sampled: [(String, Distribution)] = []
        for name in names {
            switch parameters[name]! {
            case .value(let v): constants[name] = v
            case .list(let v): lists.append((name, v))
            case .grid(let v): axes.append((name, v))
            case .sweep(let s): axes.append((name, s.values.map(ParameterValue.number)))
            case .monteCarlo(let d): sampled.append((name, d))
            }
        }
        let samples: [JobParameters] = (0..<monteCarloSamples).map { i in
            var rng = SplitMix64(seed: Self.mix(monteCarloSeed, UInt64(i)))
            var p: JobParameters = [:]
            for (name, d) in sampled { p[name] = .number(d.sample(&rng)) }
            return p
        }
        var jobs: [JobParameters] = []
        jobs.reserveCapacity(total)
        var combination: UInt64 = 0
        for scenario in 0..<(try listLength()) {
            var base = constants
            for (name, v) in lists { base[name] = v[scenario] }
            for point in Self.cartesian(axes) {
                let combined = base.merging(point) { $1 }
                for sample in samples {
                    let withSample = combined.merging(sample) { $1 }
                    if let replicates = seedsPerCombination {
                        for r in 0..<replicates {
                            var p = withSample
                            p["seed"] = .number(Double(Self.mix(Self.mix(seed, combination), UInt64(r)) & 0x7FFF_FFFF))
                            jobs.append(p)
                        }
                    } else {
                        jobs.append(withSample)
                    }
                    combination += 1
                }
            }
        }
        return jobs
    }

    /// All points of the Cartesian product of `axes` (last axis varies fastest).
    static func cartesian(_ axes: [(String, [ParameterValue])]) -> [JobParameters] {
        axes.reduce([JobParameters()]) { partial, axis in
            partial.flatMap { p in axis.1.map { v in p.merging([axis.0: v]) { $1 } } }
        }
    }

    /// A well-mixed 64-bit combination of two values (one SplitMix64 step).
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var r = SplitMix64(seed: a ^ (b &* 0xD1B5_4A32_D192_ED03))
        return r.next()
    }
}
