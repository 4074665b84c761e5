import Foundation
import GeoSupport

/// What a running job may ask of the engine: who and where it is, whether it was cancelled, a
/// per-worker cache for heavy inputs, and durable output files.
public final class JobContext: @unchecked Sendable {
    public let jobID: Int64
    public let batchID: Int64
    /// 1 for the first attempt.
    public let attempt: Int
    /// `host:pid:wN` of the worker running the job.
    public let workerID: String
    /// `RUN/outputs/<job id>`; created on first `writeOutput`.
    public let outputDirectory: String
    /// Heavy inputs loaded once per process and shared across its jobs and thread workers.
    public let cache: WorkerCache

    private let lock = NSLock()
    private var cancelled = false
    private var inputs: [String] = []

    /// The files the job reads (its parameters the kind's schema declares as input files): set by the
    /// engine before `run`; `writeOutput` refuses to replace any of them.
    public var inputFiles: [String] {
        get { lock.withLock { inputs } }
        set { lock.withLock { inputs = newValue } }
    }

    public init(jobID: Int64, batchID: Int64, attempt: Int, workerID: String, outputDirectory: String,
                cache: WorkerCache = WorkerCache()) {
        self.jobID = jobID
        self.batchID = batchID
        self.attempt = attempt
        self.workerID = workerID
        self.outputDirectory = outputDirectory
        self.cache = cache
    }

    /// True once the job was cancelled or timed out; long jobs should check it between steps.
    public var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled
    }

    /// Throws `BatchError.cancelled` if the job was cancelled.
    public func checkCancelled() throws {
        if isCancelled { throw BatchError.cancelled(jobID: jobID) }
    }

    /// Marks the job cancelled (called by the engine).
    public func cancel() {
        lock.lock(); cancelled = true; lock.unlock()
    }

    /// Writes `name` in the output directory durably (`DurableFile`): `body` writes the temporary path
    /// it is given, which is then fsynced and renamed into place (the directory fsynced after). A re-run
    /// overwrites the previous file. Returns the final path (list it in `JobResult.outputs`). `name`
    /// must be a plain file name (no directory part, not hidden), and the file must resolve inside the
    /// output directory (a symbolic link planted in its place is refused) and must not be one of the
    /// job's `inputFiles` (a re-run reading a previous attempt's output): a job can never write outside
    /// `RUN/outputs/<job id>`. Once the job is cancelled (`batch cancel`, noticed at the next heartbeat)
    /// nothing more is committed: the temporary is removed and `BatchError.cancelled` thrown, even if the
    /// job never checks.
    @discardableResult
    public func writeOutput(_ name: String, _ body: (_ temporaryPath: String) throws -> Void) throws -> String {
        let final: String
        do { final = try ContainedPath.child(name, of: outputDirectory) } catch {
            throw BatchError.invalidSpec(path: "output", message: "\(error)")
        }
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        // `final` is one plain component below the directory: only a symbolic link planted at it could lead out.
        guard !Self.isSymbolicLink(final) else {
            throw BatchError.invalidSpec(path: "output", message: "\(final) would resolve outside the job's output directory")
        }
        do { try OutputGuard.check(inputs: inputFiles, outputs: [final]) } catch {
            throw BatchError.invalidSpec(path: "output", message: "\(error)")
        }
        try checkCancelled()
        try DurableFile.write(to: final) { temporary in
            try body(temporary)
            try checkCancelled()    // a job cancelled while it wrote commits nothing
        }
        return final
    }

    private static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// Removes temporary files a killed earlier attempt left in the output directory.
    func removeStaleTemporaries() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: outputDirectory) else { return }
        for n in names where TemporaryName.isTemporary(n) {
            unlink((outputDirectory as NSString).appendingPathComponent(n))
        }
    }
}

/// A memo of heavy inputs (e.g. a DEM's terrain derivation used by many scenarios), shared by the
/// thread workers of a pool (each child process of `isolation: process` has its own): a value is
/// loaded once per process and key. Loading is single-flight per key — a worker that needs a value
/// another worker is loading waits for it instead of loading it again — while loads of different
/// keys run concurrently. A load that throws stores nothing (the next caller tries again).
/// Values are shared across threads, so they must be `Sendable`.
public final class WorkerCache: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: any Sendable] = [:]
    private var keyLocks: [String: NSLock] = [:]

    public init() {}

    /// The value cached under `key`, loading it with `load` the first time.
    public func value<T: Sendable>(for key: String, load: () throws -> T) rethrows -> T {
        let keyLock: NSLock = lock.withLock {
            if let l = keyLocks[key] { return l }
            let l = NSLock()
            keyLocks[key] = l
            return l
        }
        keyLock.lock(); defer { keyLock.unlock() }
        if let v = lock.withLock({ values[key] }) as? T { return v }
        let v = try load()
        lock.withLock { values[key] = v }
        return v
    }

    /// Number of cached values.
    public var count: Int { lock.withLock { values.count } }
}
