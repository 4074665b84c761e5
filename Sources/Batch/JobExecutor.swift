import Foundation

/// Why an attempt did not produce a result.
struct ExecutionFailure: Error {
    let message: String
    /// False for cancellation (never retried).
    let retryable: Bool
}

/// Runs one claimed job somewhere (this thread, or a child process). One per worker thread.
protocol JobExecutor: AnyObject {
    func execute(_ request: ExecRequest, context: JobContext, timeout: Double?) -> Result<JobResult, ExecutionFailure>
    func shutdown()
}

/// Runs jobs on the worker's thread. With a timeout the job runs on a helper thread that the worker
/// waits for: at the deadline the attempt is FAILED ("timeout after Ns") and the job's context is
/// cancelled, but a thread cannot be killed, so the job keeps its CPU until it next checks
/// `context.isCancelled` (its late result is discarded). Use process isolation for hard timeouts.
final class ThreadExecutor: JobExecutor {
    private let registry: JobRegistry

    init(registry: JobRegistry) { self.registry = registry }

    func execute(_ request: ExecRequest, context: JobContext, timeout: Double?) -> Result<JobResult, ExecutionFailure> {
        guard let timeout else { return finish(registry.execute(request, context: context), context) }
        let box = ResultBox()
        let registry = registry
        let thread = Thread { box.set(registry.execute(request, context: context)) }
        thread.stackSize = 16 << 20
        thread.start()
        guard let outcome = box.wait(timeout: timeout) else {
            context.cancel()
            return .failure(ExecutionFailure(message: BatchError.timeout(seconds: timeout).description, retryable: true))
        }
        return finish(outcome, context)
    }

    private func finish(_ r: Result<JobResult, Error>, _ context: JobContext) -> Result<JobResult, ExecutionFailure> {
        r.mapError { ExecutionFailure(message: "\($0)", retryable: !context.isCancelled) }
    }

    func shutdown() {}

    /// A one-shot result handed from the job thread to the waiting worker.
    private final class ResultBox: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var value: Result<JobResult, Error>?

        func set(_ v: Result<JobResult, Error>) {
            lock.lock(); value = v; lock.unlock()
            done.signal()
        }

        func wait(timeout: Double) -> Result<JobResult, Error>? {
            guard done.wait(timeout: .now() + timeout) == .success else { return nil }
            lock.lock(); defer { lock.unlock() }
            return value
        }
    }
}

/// Runs jobs in a long-lived child process (`geotool batch exec-job`), restarted after a crash,
/// timeout or cancellation, which kill only the child: hard timeouts and crash isolation.
final class ProcessExecutor: JobExecutor {
    private let command: [String]
    private var child: ChildProcess?

    init(command: [String]) { self.command = command }

    func execute(_ request: ExecRequest, context: JobContext, timeout: Double?) -> Result<JobResult, ExecutionFailure> {
        do {
            let child = try self.child ?? startChild(context: context)
            guard child.send(try StoreJSON.encode(request)) else {
                return .failure(ExecutionFailure(message: "job process \(child.terminate())", retryable: true))
            }
            let line = try child.readLine(deadline: timeout.map { Date(timeIntervalSinceNow: $0) },
                                          isCancelled: { context.isCancelled })
            let response = try StoreJSON.decode(ExecResponse.self, from: line)
            if let result = response.result, response.jobID == request.jobID { return .success(result) }
            return .failure(ExecutionFailure(message: response.error ?? "job process gave no result", retryable: true))
        } catch let failure as ChildProcess.ReadFailure {
            let how = child?.terminate() ?? "gone"
            child = nil
            switch failure {
            case .timedOut:
                return .failure(ExecutionFailure(message: BatchError.timeout(seconds: timeout ?? 0).description, retryable: true))
            case .cancelled:
                return .failure(ExecutionFailure(message: "cancelled", retryable: false))
            case .exited(let status):
                return .failure(ExecutionFailure(message: "job process crashed (\(status == "exited" ? how : status))", retryable: true))
            }
        } catch {
            child?.terminate()
            child = nil
            return .failure(ExecutionFailure(message: "\(error)", retryable: true))
        }
    }

    /// Starts a child and waits (≤ 120 s) for its ready line, so start-up time never counts against
    /// a job's timeout.
    private func startChild(context: JobContext) throws -> ChildProcess {
        let child = try ChildProcess(command: command)
        self.child = child
        let line = try child.readLine(deadline: Date(timeIntervalSinceNow: 120), isCancelled: { context.isCancelled })
        guard line == JobServer.readyLine else {
            throw BatchError.childProcess("job process did not start (said '\(line.prefix(80))')")
        }
        return child
    }

    func shutdown() {
        child?.terminate()
        child = nil
    }
}
