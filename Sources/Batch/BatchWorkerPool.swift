import Foundation

/// Runs a store's queued jobs on N dedicated worker threads (not Swift concurrency's cooperative
/// pool: jobs are long and blocking) until none is left in scope, then returns.
///
/// - Order: lowest priority number first, FIFO within a priority (the store's claim order).
/// - Leases: each claim leases the job; a heartbeat thread extends the leases of running jobs,
///   requeues jobs of dead workers, and notices cancellation (the job's `context.isCancelled`
///   becomes true; a child process is killed).
/// - Isolation: per batch (`isolation:` in the spec) or overridden for the run. `process`: each
///   worker thread drives a long-lived child process (`childCommand`), killed on timeout, crash
///   or cancel and restarted, so timeouts are hard. `thread`: the job runs in-process, timeouts are
///   cooperative (see `ThreadExecutor`).
/// - Retries: a failed attempt goes back to the queue after the batch's backoff while attempts remain.
/// - Rate limit: job starts per second per batch, in this process.
public final class BatchWorkerPool: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// Worker threads (default: active processor count).
        public var workers = ProcessInfo.processInfo.activeProcessorCount
        /// Only this slice of every batch.
        public var shard: Shard?
        /// Lease length in seconds; extended every `heartbeatInterval`.
        public var lease = 30.0
        public var heartbeatInterval = 1.0
        /// Sleep between claim attempts while jobs are pending but none is claimable.
        public var idlePoll = 0.05
        /// Overrides every batch's isolation.
        public var isolation: BatchSpec.Isolation?
        /// The child command for process isolation (e.g. `[geotool, batch, exec-job]`).
        public var childCommand: [String]?

        public init() {}
    }

    /// Counters of this run, passed to the progress callback after each job.
    public struct Progress: Sendable, Equatable {
        public var completed = 0
        public var failed = 0
        public var retried = 0
        /// Cancelled while running, or whose result was discarded (lease lost).
        public var discarded = 0
        /// Jobs in scope still QUEUED or RUNNING when the run started.
        public var pendingAtStart = 0
        public var requeuedAtStart = 0
        public var elapsed = 0.0
        /// Seconds from the start of the run to the first completed job (nil before it).
        public var firstCompletion: Double?
        /// Finished jobs per second in this run.
        public var throughput: Double { elapsed > 0 ? Double(completed + failed) / elapsed : 0 }
    }

    public let store: JobStore
    public let registry: JobRegistry
    public let configuration: Configuration
    /// `host:pid` of this process; worker ids are `host:pid:wN`.
    public let processID = ProcessIdentity.current.id

    private let lock = NSLock()
    private var progress = Progress()
    private var running: [Int64: JobContext] = [:]
    private var batchCache: [Int64: BatchInfo] = [:]
    private var stopping = false
    private var firstError: Error?
    private let limiter = RateLimiter()
    /// Heavy inputs of in-process jobs, shared by the thread workers and kept across jobs.
    private let cache = WorkerCache()
    private let onProgress: (@Sendable (Progress) -> Void)?
    private var start = Date()
    private var lastRelease = Date.distantPast

    public init(store: JobStore, registry: JobRegistry, configuration: Configuration = Configuration(),
                onProgress: (@Sendable (Progress) -> Void)? = nil) {
        self.store = store
        self.registry = registry
        self.configuration = configuration
        self.onProgress = onProgress
    }

    /// Runs until no job in scope is QUEUED or RUNNING (or `stop()`); returns this run's counters.
    /// Throws the first store error (jobs it held are requeued by the next run).
    @discardableResult
    public func run() throws -> Progress {
        signal(SIGPIPE, SIG_IGN)   // a dead child's pipe must not kill the pool
        start = Date()
        let requeued = try store.requeueAbandoned(ownProcessID: nil)
        try store.releaseWaiting()
        let pending = try store.pendingCount(shard: configuration.shard)
        update { $0.requeuedAtStart = requeued; $0.pendingAtStart = pending }
        let threads = max(1, configuration.workers)
        try store.registerProcess(processID, threads: threads, shard: configuration.shard)
        let heartbeatStop = DispatchSemaphore(value: 0)
        let heartbeat = try JoinableThread(stackSize: 1 << 20) { [self] in heartbeatLoop(stop: heartbeatStop) }
        var workers: [JoinableThread] = []
        var startError: Error?
        for i in 0..<threads {
            do {
                workers.append(try JoinableThread { [self] in workerLoop(workerID: "\(processID):w\(i)") })
            } catch {
                startError = error
                stop()
                break
            }
        }
        // Joined, not just signalled (see JoinableThread); the heartbeat stops before the process unregisters.
        workers.forEach { $0.join() }
        heartbeatStop.signal()
        heartbeat.join()
        if let startError { throw startError }
        let final = snapshot()
        try? store.unregisterProcess(processID, jobsDone: final.completed + final.failed)
        if let e = lock.withLock({ firstError }) { throw e }
        return final
    }

    /// Asks the workers to stop after their current jobs.
    public func stop() { lock.withLock { stopping = true } }

    /// This run's counters so far.
    public func snapshot() -> Progress {
        lock.withLock {
            var p = progress
            p.elapsed = Date().timeIntervalSince(start)
            return p
        }
    }

    private func update(_ f: (inout Progress) -> Void) { lock.withLock { f(&progress) } }

    private var shouldStop: Bool { lock.withLock { stopping || firstError != nil } }

    private func batchInfo(_ id: Int64) throws -> BatchInfo {
        if let b = lock.withLock({ batchCache[id] }) { return b }
        let b = try store.batch(id)
        lock.withLock { batchCache[id] = b }
        return b
    }

    private func workerLoop(workerID: String) {
        var executors: [BatchSpec.Isolation: JobExecutor] = [:]
        defer { executors.values.forEach { $0.shutdown() } }
        while !shouldStop {
            do {
                guard let job = try store.claim(workerID: workerID, shard: configuration.shard, lease: configuration.lease) else {
                    if try releaseWaitingIfDue() > 0 { continue }
                    if try store.pendingCount(shard: configuration.shard) == 0 { return }
                    Thread.sleep(forTimeInterval: configuration.idlePoll)
                    continue
                }
                let batch = try batchInfo(job.batchID)
                let isolation = configuration.isolation ?? batch.isolation
                let executor = try executors[isolation] ?? makeExecutor(isolation)
                executors[isolation] = executor
                try runJob(job, batch: batch, workerID: workerID, executor: executor, cache: cache)
            } catch {
                lock.withLock { if firstError == nil { firstError = error } }
                return
            }
        }
    }

    /// Settles waiting workflow jobs the store's own releases did not reach (after a retry, a cancel or
    /// another process's crash), at most every `releaseInterval` seconds per process.
    private func releaseWaitingIfDue() throws -> Int {
        let due = lock.withLock {
            guard Date().timeIntervalSince(lastRelease) >= Self.releaseInterval else { return false }
            lastRelease = Date()
            return true
        }
        return due ? try store.releaseWaiting() : 0
    }

    private static let releaseInterval = 0.5

    private func makeExecutor(_ isolation: BatchSpec.Isolation) throws -> JobExecutor {
        switch isolation {
        case .thread: return ThreadExecutor(registry: registry)
        case .process:
            guard let command = configuration.childCommand else {
                throw BatchError.invalidArgument("process isolation needs a child command (BatchWorkerPool.Configuration.childCommand)")
            }
            return ProcessExecutor(command: command)
        }
    }

    private func runJob(_ job: ClaimedJob, batch: BatchInfo, workerID: String, executor: JobExecutor,
                        cache: WorkerCache) throws {
        let outputDirectory = (store.runDirectory as NSString).appendingPathComponent("outputs/\(job.id)")
        let context = JobContext(jobID: job.id, batchID: job.batchID, attempt: job.attempt, workerID: workerID,
                                 outputDirectory: outputDirectory, cache: cache)
        lock.withLock { running[job.id] = context }
        defer { lock.withLock { running[job.id] = nil } }
        limiter.acquire(job.batchID, rate: batch.rateLimit)
        let request = ExecRequest(jobID: job.id, batchID: job.batchID, attempt: job.attempt, workerID: workerID,
                                  kind: batch.kind, parameters: job.parameters.merging(batch.inputs) { a, _ in a },
                                  outputDirectory: outputDirectory)
        let began = Date()
        switch executor.execute(request, context: context, timeout: batch.timeout) {
        case .success(let result):
            let kept = try store.complete(jobID: job.id, workerID: workerID, result: result,
                                          duration: Date().timeIntervalSince(began))
            let now = Date()
            update {
                if kept { $0.completed += 1 } else { $0.discarded += 1 }
                if kept, $0.firstCompletion == nil { $0.firstCompletion = now.timeIntervalSince(start) }
            }
        case .failure(let failure):
            let status = try store.fail(jobID: job.id, workerID: workerID, error: failure.message,
                                        retryable: failure.retryable)
            update {
                switch status {
                case .queued: $0.retried += 1
                case .failed: $0.failed += 1
                default: $0.discarded += 1
                }
            }
        }
        onProgress?(snapshot())
    }

    private func heartbeatLoop(stop: DispatchSemaphore) {
        var beats = 0
        while stop.wait(timeout: .now() + configuration.heartbeatInterval) == .timedOut {
            // The attempts as they were when the store was asked: a job found no longer running is cancelled in
            // *that* attempt's context. (Looking it up again afterwards could cancel the next attempt of a job
            // that timed out and was claimed again meanwhile — seen as a retried job that completed at once.)
            let (attempts, done) = lock.withLock { (running, progress.completed + progress.failed) }
            do {
                let lost = try store.heartbeat(processID: processID, jobIDs: Array(attempts.keys), lease: configuration.lease,
                                               jobsDone: done)
                for id in lost { attempts[id]?.cancel() }
                beats += 1
                if beats % 5 == 0 { try store.requeueAbandoned(ownProcessID: processID) }
            } catch {
                lock.withLock { if firstError == nil { firstError = error } }
                return
            }
        }
    }
}
