import Batch
import Foundation

/// Keeps a `BatchWorkerPool` working the store for as long as the server runs. A pool returns when
/// nothing is left to do, so the supervisor starts a new one whenever jobs are pending (woken at
/// once by a submit, else it polls — the CLI may submit to the same store). Each pool run first
/// requeues jobs of dead processes, so a restart after `kill -9` resumes the batch.
///
/// Shutdown (`shutdown(grace:)`): the pool stops claiming; running jobs get `grace` seconds to
/// finish, then the ones still running are released (back to QUEUED, the attempt not counted) and
/// their jobs are told to cancel.
final class PoolSupervisor: @unchecked Sendable {
    let store: JobStore
    let registry: JobRegistry
    let configuration: BatchWorkerPool.Configuration
    /// Seconds between looks at the store while idle.
    let idlePoll: Double

    private let lock = NSLock()
    private var current: BatchWorkerPool?
    private var stopping = false
    private var started = false
    private var lastError: String?
    private let wakeup = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(store: JobStore, registry: JobRegistry, configuration: BatchWorkerPool.Configuration, idlePoll: Double = 0.25) {
        self.store = store
        self.registry = registry
        self.configuration = configuration
        self.idlePoll = idlePoll
    }

    /// Starts the supervising thread (once).
    func start() {
        guard lock.withLock({ () -> Bool in defer { started = true }; return !started }) else { return }
        let thread = Thread { [self] in
            loop()
            finished.signal()
        }
        thread.name = "batch-pool-supervisor"
        thread.start()
    }

    /// Looks at the store now (after a submit) instead of at the next poll.
    func wake() { wakeup.signal() }

    /// The last store error a pool run ended with (the supervisor retries after a pause).
    var lastRunError: String? { lock.withLock { lastError } }

    /// Stops the workers: waits up to `grace` seconds for running jobs, then releases the rest.
    /// Returns the number of jobs released. Blocks; call it off the cooperative thread pool.
    @discardableResult
    func shutdown(grace: Double) -> Int {
        let wasStarted = lock.withLock { () -> Bool in
            stopping = true
            current?.stop()
            return started
        }
        guard wasStarted else { return 0 }
        wakeup.signal()
        if finished.wait(timeout: .now() + max(0, grace)) == .success { return 0 }
        let released = (try? store.release(processID: ProcessIdentity.current.id)) ?? 0
        // The pool's heartbeat now sees the jobs as lost and cancels them; give them a moment to go.
        _ = finished.wait(timeout: .now() + min(5, configuration.heartbeatInterval * 3))
        return released
    }

    private func loop() {
        while !lock.withLock({ stopping }) {
            let pending = (try? store.pendingCount()) ?? 0
            guard pending > 0 else {
                _ = wakeup.wait(timeout: .now() + idlePoll)
                continue
            }
            let pool = BatchWorkerPool(store: store, registry: registry, configuration: configuration)
            guard lock.withLock({ () -> Bool in
                if stopping { return false }
                current = pool
                return true
            }) else { return }
            do {
                try pool.run()
                lock.withLock { current = nil; lastError = nil }
            } catch {
                lock.withLock { current = nil; lastError = "\(error)" }
                _ = wakeup.wait(timeout: .now() + 1)
            }
        }
    }
}
