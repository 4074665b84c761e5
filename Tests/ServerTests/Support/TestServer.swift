import Batch
import Foundation
import Server
import XCTest

/// A `BatchServer` running in this process on 127.0.0.1 and a free port, over a fresh run
/// directory, with thread isolation and the test job kinds.
final class TestServer: Sendable {
    let server: BatchServer
    let port: Int
    let runDirectory: String
    private let task: Task<Void, Error>

    private init(server: BatchServer, port: Int, runDirectory: String, task: Task<Void, Error>) {
        self.server = server
        self.port = port
        self.runDirectory = runDirectory
        self.task = task
    }

    /// Starts a server; `configure` adjusts the configuration (token, workers, limits, roots).
    static func start(registry: JobRegistry = JobRegistry([TestJob()]),
                      configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> TestServer {
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("serve-test-\(UUID().uuidString)").path
        var configuration = ServerConfiguration(runDirectory: run)
        configuration.port = 0
        configuration.workers = 2
        configuration.pool.isolation = .thread
        configuration.pool.heartbeatInterval = 0.2
        configuration.shutdownGrace = 2
        configuration.erosionShortcutKind = "erosion-scenario"   // as `geotool serve` configures it
        configure(&configuration)
        // Hummingbird logs a cancelled (test-stopped) server at error level; keep test output quiet.
        setenv("LOG_LEVEL", "critical", 0)
        let server = try BatchServer(configuration: configuration, registry: registry)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await server.run(handleSignals: false) { continuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            _ = try await task.value
            throw APIError(.internalServerError, "the test server stopped before listening")
        }
        return TestServer(server: server, port: port, runDirectory: server.store.runDirectory, task: task)
    }

    /// A client for this server.
    func client(token: String? = nil) -> APIClient {
        APIClient(base: "http://127.0.0.1:\(port)", token: token)
    }

    /// Stops the server and its workers and removes the run directory.
    func stop() async {
        task.cancel()
        _ = try? await task.value
        try? FileManager.default.removeItem(atPath: runDirectory)
    }
}

extension TestServer {
    /// Runs `body` against a fresh server, stopping it afterwards even when `body` throws.
    static func with(registry: JobRegistry = JobRegistry([TestJob()]),
                     configure: (inout ServerConfiguration) -> Void = { _ in },
                     _ body: (TestServer) async throws -> Void) async throws {
        let server = try await start(registry: registry, configure: configure)
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
