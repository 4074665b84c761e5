import Foundation
import GeoSupport

/// A batch scenario spec (YAML, or JSON — the same schema, as the REST API will post it).
///
/// ```yaml
/// name: rainfall-sweep          # default: the file name without extension
/// kind: synthetic               # a registered job kind
/// inputs: {dem: fixtures/dem_utm33n.tif}     # fixed, passed to every job
/// parameters:
///   scenario: {list: [dry, wet]}             # zipped with other `list` parameters
///   cover: {grid: [0.1, 0.3]}                # Cartesian axis
///   rainfall: {sweep: {start: 500, stop: 1500, num: 5}}           # linspace (scale: log → logspace)
///   depth: {sweep: {start: 0, stop: 10, step: 2.5}}              # range, stop inclusive
///   k: {monte_carlo: {distribution: log_uniform, low: 0.01, high: 1}}
///   mode: fast                               # constant (same as {value: fast})
/// monte_carlo: {n: 100, seed: 42}            # samples per combination (required with monte_carlo parameters)
/// seeds_per_combination: 3                   # replicates, each with an integer parameter `seed`
/// design: factorial                          # factorial (every combination) | one_at_a_time (axes varied alone)
/// seed: 7                                    # base of the `seed` parameter (default 0)
/// priority: 0                                # lower runs first; FIFO within a priority
/// max_retries: 2                             # attempts = 1 + max_retries
/// retry_backoff: 1.0                         # seconds, doubled per attempt (cap 60 s)
/// timeout: 30                                # seconds per attempt
/// rate_limit: 10                             # job starts per second, per `batch run` process
/// max_jobs: 10000                            # cap on the expanded job count
/// isolation: process                         # process (child process per worker) | thread
/// ```
public struct BatchSpec: Sendable, Equatable {
    /// How a job is isolated from the worker pool.
    public enum Isolation: String, Sendable, Equatable {
        /// Each worker thread drives a long-lived child `geotool batch exec-job` process: a timeout or a
        /// crash kills only that child (restarted for the next job).
        case process
        /// Jobs run on the worker's thread: fastest; timeouts are cooperative (see `BatchWorkerPool`).
        case thread
    }

    public var name: String
    public var kind: String
    public var inputs: [String: ParameterValue] = [:]
    /// The varying parameters and their sampling, in the spec vocabulary shared with TEM1D model specs.
    public var space = ParameterSpace()
    public var parameters: [String: ParameterSpec] {
        get { space.parameters }
        set { space.parameters = newValue }
    }
    public var priority = 0
    public var maxRetries = 0
    public var retryBackoff = 1.0
    public var timeout: Double?
    public var rateLimit: Double?
    public var maxJobs = 10_000
    public var isolation = Isolation.process

    public init(name: String, kind: String) {
        self.name = name
        self.kind = kind
    }

    /// The spec in `file` (YAML or JSON). Errors name the file, or the key path inside it.
    public static func load(file: String) throws -> BatchSpec {
        try load(file: file, text: try text(ofFile: file))
    }

    /// The text of spec file `file` (`SpecText`); errors are one line saying why it cannot be read.
    public static func text(ofFile file: String) throws -> String {
        do { return try SpecText.read(file) } catch { throw BatchError.unreadableSpec(file: file, message: error.message) }
    }

    /// The spec `text` read from `file` (errors name the file and the key path).
    public static func load(file: String, text: String) throws -> BatchSpec {
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        do {
            return try parse(text, defaultName: stem)
        } catch let e as BatchError {
            if case .invalidSpec(let path, let message) = e {
                throw BatchError.invalidSpec(path: "\(file): \(path)", message: message)
            }
            throw e
        }
    }

    /// Parses spec text (YAML or JSON).
    public static func parse(_ text: String, defaultName: String = "batch") throws -> BatchSpec {
        let document: Any?
        do { document = try YAMLDocument.load(text) } catch {
            throw BatchError.unreadableSpec(file: defaultName, message: error.message)
        }
        guard let document else { throw BatchError.invalidSpec(path: "spec", message: "is empty") }
        do { return try parse(SpecNode(document, path: ""), defaultName: defaultName) } catch let e as SpecError {
            throw BatchError.invalidSpec(path: e.path, message: e.message)
        }
    }

    private static let topKeys: Set<String> = ParameterSpace.samplingKeys.union([
        "name", "kind", "inputs", "parameters", "priority", "max_retries", "retry_backoff", "timeout", "rate_limit",
        "max_jobs", "isolation",
    ])

    /// The spec in `root`; `extraKeys` are keys a caller reads itself (a workflow stage's `needs`).
    static func parse(_ root: SpecNode, defaultName: String, extraKeys: Set<String> = []) throws -> BatchSpec {
        guard root.isMapping else {
            throw BatchError.invalidSpec(path: root.path.isEmpty ? "spec" : root.path, message: "must be a mapping")
        }
        try root.checkKeys(topKeys.union(extraKeys))
        var spec = BatchSpec(name: try root.optional("name")?.string() ?? defaultName,
                             kind: try root.required("kind").string())
        if let inputs = try root.optional("inputs") {
            for (k, _) in try inputs.mapping() { spec.inputs[k] = try inputs.required(k).parameterValue() }
        }
        if let params = try root.optional("parameters") {
            for (k, _) in try params.mapping() { spec.parameters[k] = try ParameterSpec.parse(params.required(k)) }
        }
        for name in spec.parameters.keys where spec.inputs[name] != nil {
            throw BatchError.invalidSpec(path: "parameters.\(name)", message: "is also given in inputs")
        }
        try spec.space.readSampling(root)
        spec.priority = try root.optional("priority")?.int() ?? 0
        if let n = try root.optional("max_retries") {
            spec.maxRetries = try n.int()
            guard spec.maxRetries >= 0 else { throw n.fail("must be ≥ 0") }
        }
        if let n = try root.optional("retry_backoff") {
            spec.retryBackoff = try n.double()
            guard spec.retryBackoff >= 0 else { throw n.fail("must be ≥ 0") }
        }
        spec.timeout = try positive(root, "timeout")
        spec.rateLimit = try positive(root, "rate_limit")
        if let n = try root.optional("max_jobs") {
            spec.maxJobs = try n.int()
            guard spec.maxJobs > 0 else { throw n.fail("must be > 0") }
        }
        if let n = try root.optional("isolation") {
            guard let i = Isolation(rawValue: try n.string()) else { throw n.fail("must be process or thread") }
            spec.isolation = i
        }
        _ = try spec.jobCount()
        return spec
    }

    private static func positive(_ root: SpecNode, _ key: String) throws -> Double? {
        guard let n = try root.optional(key) else { return nil }
        let v = try n.double()
        guard v > 0 else { throw n.fail("must be > 0") }
        return v
    }
}
