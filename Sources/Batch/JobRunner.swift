import GeoSupport

/// What a job produced: a flat map of named values (numbers or strings) and the output files it
/// committed (paths, normally under `JobContext.outputDirectory`).
public struct JobResult: Sendable, Codable, Equatable {
    public var values: [String: ParameterValue]
    public var outputs: [String]

    public init(values: [String: ParameterValue] = [:], outputs: [String] = []) {
        self.values = values
        self.outputs = outputs
    }
}

/// A kind of job the batch engine can run ("synthetic", "raster-stats", "erosion-scenario", …).
///
/// The engine knows nothing about domain modules: the CLI registers one runner per kind in a
/// `JobRegistry`. A runner is called concurrently from several worker threads (or child
/// processes), so it must be stateless or synchronise itself; per-worker heavy inputs go in
/// `context.cache`. It writes files only through `context.writeOutput` (atomic, so a job re-run
/// after a crash overwrites safely) and should call `context.checkCancelled()` between steps.
public protocol JobRunner: Sendable {
    /// The kind name used in specs (`kind: …`).
    var kind: String { get }
    /// Every parameter the kind accepts, typed: unknown keys and ill-typed values are rejected before
    /// the batch is stored and again before a job runs (`check`).
    var schema: ParameterSchema { get }
    /// What a job of this kind produces that a workflow stage may refer to (`${stage.outputs.NAME}`,
    /// `${stage.results.KEY}`); default: nothing named.
    var products: KindProducts { get }
    /// Checks what the schema cannot express (combinations of parameters); throw
    /// `BatchError.invalidSpec` naming the parameter (default: nothing more to check).
    func validate(parameters: JobParameters) throws
    /// Runs one job. Throwing marks the attempt failed (retried while attempts remain).
    func run(parameters: JobParameters, context: JobContext) throws -> JobResult
}

extension JobRunner {
    public var products: KindProducts { KindProducts() }

    public func validate(parameters: JobParameters) throws {}

    /// The one check of a job's parameters: the schema, then the kind's own `validate`.
    public func check(_ parameters: JobParameters) throws {
        try schema.validate(parameters)
        try validate(parameters: parameters)
    }
}

/// The job kinds a process can run, by name.
public struct JobRegistry: Sendable {
    private var runners: [String: any JobRunner] = [:]

    public init(_ runners: [any JobRunner] = []) {
        for r in runners { register(r) }
    }

    /// Adds (or replaces) the runner for `runner.kind`.
    public mutating func register(_ runner: any JobRunner) { runners[runner.kind] = runner }

    /// The runner for `kind`, or `BatchError.unknownKind`.
    public func runner(for kind: String) throws -> any JobRunner {
        guard let r = runners[kind] else { throw BatchError.unknownKind(kind, known: kinds) }
        return r
    }

    /// Registered kind names, sorted.
    public var kinds: [String] { runners.keys.sorted() }
}
