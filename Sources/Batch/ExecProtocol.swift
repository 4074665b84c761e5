import Foundation

/// One job sent to a child `geotool batch exec-job` process (one JSON line on its stdin).
public struct ExecRequest: Codable, Sendable, Equatable {
    public var jobID: Int64
    public var batchID: Int64
    public var attempt: Int
    public var workerID: String
    public var kind: String
    /// The job's parameters merged with the batch's inputs.
    public var parameters: JobParameters
    public var outputDirectory: String

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id", batchID = "batch_id", attempt, workerID = "worker", kind, parameters
        case outputDirectory = "output_dir"
    }
}

/// The child's answer (one JSON line on its stdout): a result or an error message.
public struct ExecResponse: Codable, Sendable, Equatable {
    public var jobID: Int64
    public var result: JobResult?
    public var error: String?

    enum CodingKeys: String, CodingKey { case jobID = "job_id", result, error }
}

extension JobRegistry {
    /// Runs one request in this process (used by the child server and by thread isolation).
    func execute(_ request: ExecRequest, context: JobContext) -> Result<JobResult, Error> {
        context.removeStaleTemporaries()
        return Result {
            let runner = try runner(for: request.kind)
            try runner.check(request.parameters)    // the store is a file: never run what the schema refuses
            context.inputFiles = runner.schema.inputFiles(in: request.parameters)
            return try runner.run(parameters: request.parameters, context: context)
        }
    }
}

/// The child side of process isolation: reads `ExecRequest` lines from `input`, runs each with
/// `registry` and writes an `ExecResponse` line to `output`, until end of input (the parent
/// closed the pipe or died). One `WorkerCache` lives as long as the child, so heavy inputs load
/// once per worker. If the parent dies mid-job (`kill -9`), the child exits within 0.5 s instead of
/// finishing a job nobody will commit; if it finds the pipe broken when it answers, it exits at once,
/// quietly.
public enum JobServer {
    /// The first line a child writes: it has started (job timeouts count from here, not from exec).
    public static let readyLine = "ready"

    public static func serve(registry: JobRegistry, input: FileHandle, output: FileHandle) {
        let parent = getppid()
        Thread {
            while getppid() == parent { Thread.sleep(forTimeInterval: 0.5) }
            _exit(0)
        }.start()
        let cache = WorkerCache()
        send(JobServer.readyLine + "\n", to: output)
        var buffer = Data()
        while true {
            let chunk = input.availableData
            if chunk.isEmpty { return }
            buffer.append(chunk)
            while let nl = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<nl]
                buffer.removeSubrange(buffer.startIndex...nl)
                let response: ExecResponse
                do {
                    let request = try StoreJSON.decode(ExecRequest.self, from: String(decoding: line, as: UTF8.self))
                    let context = JobContext(jobID: request.jobID, batchID: request.batchID, attempt: request.attempt,
                                             workerID: request.workerID, outputDirectory: request.outputDirectory,
                                             cache: cache)
                    switch registry.execute(request, context: context) {
                    case .success(let r): response = ExecResponse(jobID: request.jobID, result: r, error: nil)
                    case .failure(let e): response = ExecResponse(jobID: request.jobID, result: nil, error: "\(e)")
                    }
                } catch {
                    response = ExecResponse(jobID: -1, result: nil, error: "bad request: \(error)")
                }
                let text = ((try? StoreJSON.encode(response)) ?? #"{"job_id":-1,"error":"cannot encode the response"}"#) + "\n"
                send(text, to: output)
            }
        }
    }

    /// Writes one protocol line; when the parent is gone (broken pipe) the child exits quietly.
    private static func send(_ text: String, to output: FileHandle) {
        do { try output.write(contentsOf: Data(text.utf8)) } catch { _exit(0) }
    }
}
