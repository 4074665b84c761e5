import GeoSupport
import Foundation
import Grid

extension BatchSpec {
    /// Number of jobs the spec expands to, computed from the axis lengths without expanding (so a
    /// 10⁹-job spec costs nothing to count); throws (naming `max_jobs`) when above `limit` (default:
    /// the spec's own `max_jobs`), or when `list` parameters differ in length.
    public func jobCount(limit: Int? = nil) throws -> Int {
        let cap = limit ?? maxJobs
        var factors = [try listLength(), monteCarloSamples, seedsPerCombination ?? 1]
        for (_, p) in parameters {
            switch p {
            case .grid(let v): factors.append(v.count)
            case .sweep(let s): factors.append(s.count)
            default: continue
            }
        }
        var count = 1, overflow = false
        for f in factors where !overflow {
            (count, overflow) = count.multipliedReportingOverflow(by: max(f, 0))
        }
        guard !overflow, count > 0, count <= cap else {
            let size = overflow ? "more than \(Int.max)" : String(count)
            let what = limit == nil ? "max_jobs (\(maxJobs)); raise max_jobs to allow" : "the limit of \(cap) jobs per batch"
            throw BatchError.invalidSpec(path: "max_jobs",
                                         message: count == 0 && !overflow ? "the spec expands to no jobs (an empty sweep)"
                                                                          : "the spec expands to \(size) jobs, more than \(what)")
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
        var jobs: [JobParameters] = []
        jobs.reserveCapacity(try jobCount())
        try forEachJob { jobs.append($0) }
        return jobs
    }

    /// Calls `body` with each job's varying parameters in `expand()`'s order, one at a time: memory
    /// does not grow with the job count (the store inserts while expanding). Counts first (`jobCount`).
    public func forEachJob(limit: Int? = nil, _ body: (JobParameters) throws -> Void) throws {
        _ = try jobCount(limit: limit)
        let names = parameters.keys.sorted()
        var constants: JobParameters = [:]
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
        var index = [Int](repeating: 0, count: axes.count)
        for scenario in 0..<(try listLength()) {
            var base = constants
            for (name, v) in lists { base[name] = v[scenario] }
            index = index.map { _ in 0 }
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
            } while Self.advance(&index, counts: axes.map(\.count))
        }
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

    /// A well-mixed 64-bit combination of two values (one SplitMix64 step).
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var r = SplitMix64(seed: a ^ (b &* 0xD1B5_4A32_D192_ED03))
        return r.next()
    }
}
