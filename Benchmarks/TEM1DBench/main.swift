// TEM1D micro-benchmark (not a test): models per thread-CPU-second and accuracy of the library settings.
//
//   tem1d-bench [--n N] [--filter NAME] [--accuracy NAME] [--truth FILE] [--write-truth FILE] [--acc-n M] [--generic]
//
// --generic forces the portable kernel instead of AVX2 + FMA (see Sources/TEM1DKernel).
//
// Models: the benchmark distribution (2–6 layers, ρ log-uniform 1–1000 Ω·m, h log-uniform 1–100 m),
// a = 20 m, H = 0, 30 gates logspace(1e-6, 1e-2), seeded. Time: CLOCK_THREAD_CPUTIME_ID (load from other
// processes matters less than with wall time). Accuracy: max relative error of the first M models against a truth
// file (binary Float64: M × 60 values, dbzdt then bz per model) written by --write-truth with the finest settings.
import GeoSupport
import Foundation
import TEM1D

func threadCPU() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + 1e-9 * Double(ts.tv_nsec)
}

let args = Array(CommandLine.arguments.dropFirst())
func opt(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}
let n = Int(opt("--n") ?? "2000")!
let accN = Int(opt("--acc-n") ?? "300")!
let filter = HankelFilter(rawValue: opt("--filter") ?? "hankel_key_201_2012_j1")!
let accuracy = TransformAccuracy(rawValue: opt("--accuracy") ?? "high")!
let times = (0..<30).map { pow(10, -6 + 4 * Double($0) / 29) }
let system = try TEMSystem(loopRadius: 20, times: times)
var rng = SeededGenerator(seed: 20240607)
let models: [LayeredModel] = try (0..<max(n, accN)).map { _ in
    let k = 2 + Int(rng.next() % 5)
    return try LayeredModel(resistivities: (0..<k).map { _ in pow(10, 3 * rng.nextUnit()) },
                            thicknesses: (0..<(k - 1)).map { _ in pow(10, 2 * rng.nextUnit()) })
}

if let path = opt("--write-truth") {
    let fine = try ForwardModeller(system: system, hankelFilter: .anderson801, accuracy: .highest)
    var out: [Double] = []
    for m in models.prefix(accN) { let r = fine.forward(m); out += r.dbzdt + r.bz }
    try out.withUnsafeBytes { Data($0) }.write(to: URL(fileURLWithPath: path))
    print("wrote \(accN) truth models to \(path)")
    exit(0)
}

if args.contains("--generic") { TEM1DKernelInfo.forceGeneric(true) }
let modeller = try ForwardModeller(system: system, hankelFilter: filter, accuracy: accuracy)
let ws = ForwardWorkspace()
var db = [Double](repeating: 0, count: 30), bz = db
// warm-up
for m in models.prefix(20) { _ = modeller.forward(m, workspace: ws) }
var best = Double.infinity
var checksum = 0.0
for _ in 0..<3 {
    let t0 = threadCPU()
    for m in models.prefix(n) {
        db.withUnsafeMutableBufferPointer { d in bz.withUnsafeMutableBufferPointer { b in
            modeller.forward(m, workspace: ws, dbzdt: d, bz: b) } }
        checksum += db[29] + bz[29]
    }
    best = min(best, threadCPU() - t0)
}
print(String(format: "%@ %@ (kernel %@): %d models, %.3f CPU-s (best of 3) = %.0f models per CPU-second",
             filter.rawValue, accuracy.rawValue, TEM1DKernelInfo.instructionSet, n, best, Double(n) / best))

if let path = opt("--truth"), let data = FileManager.default.contents(atPath: path) {
    let truth = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
    let m = truth.count / 60
    var eDb = 0.0, eBz = 0.0, worst = 0
    for i in 0..<m {
        let r = modeller.forward(models[i], workspace: ws)
        for g in 0..<30 {
            let a = abs(r.dbzdt[g] / truth[60 * i + g] - 1), b = abs(r.bz[g] / truth[60 * i + 30 + g] - 1)
            if a > eDb { eDb = a; worst = i }
            eBz = max(eBz, b.isNaN ? .infinity : b)
            if a.isNaN { eDb = .infinity }
        }
    }
    print(String(format: "vs truth (%d models): max rel err dbzdt %.2e (model %d), bz %.2e", m, eDb, worst, eBz))
}

if let s = opt("--show"), let i = Int(s), let path = opt("--truth"), let data = FileManager.default.contents(atPath: path) {
    let truth = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
    print(models[i])
    let r = modeller.forward(models[i], workspace: ws)
    for g in 0..<30 {
        print(String(format: "%2d t=%.3e db=%.4e err %.2e   bz=%.4e err %.2e", g, times[g], truth[60 * i + g],
                     r.dbzdt[g] / truth[60 * i + g] - 1, truth[60 * i + 30 + g], r.bz[g] / truth[60 * i + 30 + g] - 1))
    }
}
