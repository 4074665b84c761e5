import ArgumentParser
import Batch
import Foundation
import Server
import Operations

/// `geotool serve --run-dir RUN [--host 127.0.0.1] [--port 8000] [--jobs N] [--token-file F]`:
/// the batch API over HTTP on RUN's store, with the CLI's job kinds. Thin: parse, configure
/// `BatchServer`, run until SIGTERM/SIGINT.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the batch engine over HTTP (REST API, OpenAPI at /openapi.json, dashboard at /) on RUN/batch.sqlite.")

    @Option(name: .customLong("run-dir"), help: "Run directory (created if missing); the CLI may use it at the same time.")
    var runDirectory: String?

    @Option(help: "Address to bind (loopback by default; anything else exposes the API to the network).")
    var host = "127.0.0.1"

    @Option(help: "TCP port (0: any free port, printed on stderr).")
    var port = 8000

    @OptionGroup var workers: WorkerOptions<ZeroOrMoreWorkers>

    @Option(name: .customLong("token-file"), help: "File holding a bearer token required on every route but /health.")
    var tokenFile: String?

    @Option(name: .customLong("data-root"), help: "Directory file parameters may point into besides RUN (repeatable; default: the working directory).")
    var dataRoots: [String] = []

    @Option(name: .customLong("body-limit"), help: "Largest request body in bytes (larger: 413).")
    var bodyLimit = 1 << 20

    @Option(name: .customLong("max-jobs-per-request"), help: "Most jobs one submit may expand to, whatever its max_jobs says (counted before expanding).")
    var maxJobsPerRequest = 100_000

    @Option(help: "Override the batches' isolation: process (child per worker; hard timeouts) or thread.")
    var isolation: String?

    @Option(name: .customLong("shutdown-grace"), help: "Seconds running jobs get to finish on SIGTERM before they are released to the queue.")
    var shutdownGrace = 10.0

    @Flag(name: .customLong("print-openapi"), help: "Print the OpenAPI document (docs/openapi.json) and exit.")
    var printOpenAPI = false

    func validate() throws {
        guard printOpenAPI || runDirectory != nil else { throw ValidationError("--run-dir is required") }
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port): expected 0…65535") }
        guard bodyLimit > 0 else { throw ValidationError("--body-limit must be > 0") }
        guard maxJobsPerRequest > 0 else { throw ValidationError("--max-jobs-per-request must be > 0") }
    }

    func run() throws {
        if printOpenAPI {
            FileHandle.standardOutput.write(OpenAPIDocument.data)
            return
        }
        let server = try BatchServer(configuration: try makeConfiguration(), registry: JobKinds.registry)
        let failure = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        let host = self.host
        Task {
            do {
                try await server.run { port in Console.error("geotool serve: listening on http://\(host):\(port) (run dir \(server.store.runDirectory)); dashboard at http://\(host):\(port)/") }
            } catch {
                failure.set(error)
            }
            done.signal()
        }
        done.wait()
        if let error = failure.error { throw error }
        Console.error("geotool serve: stopped")
    }

    private func makeConfiguration() throws -> ServerConfiguration {
        var c = ServerConfiguration(runDirectory: runDirectory ?? "")
        c.host = host
        c.port = port
        if let n = workers.requested { c.workers = n }
        c.bodyLimit = bodyLimit
        c.maxJobsPerRequest = maxJobsPerRequest
        c.shutdownGrace = max(0, shutdownGrace)
        if !dataRoots.isEmpty { c.dataRoots = dataRoots }
        c.token = try tokenFile.map(Self.readToken)
        c.pool.childCommand = BatchCLI.childCommand
        c.erosionShortcutKind = ErosionScenarioJob.kindName
        c.quickLook = QuickLookRenderer { raster, png in try RasterQuickLook.render(raster: raster, to: png) }
        if let isolation {
            guard let i = BatchSpec.Isolation(rawValue: isolation) else {
                throw BatchError.invalidArgument("--isolation \(isolation): expected process or thread")
            }
            c.pool.isolation = i
        }
        return c
    }

    /// The token in `file` (surrounding whitespace ignored; must not be empty).
    static func readToken(_ file: String) throws -> String {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw BatchError.invalidArgument("--token-file \(file): cannot read the file")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw BatchError.invalidArgument("--token-file \(file): the file is empty") }
        return token
    }
}
