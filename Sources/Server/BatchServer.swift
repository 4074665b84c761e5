import Batch
import Foundation
import Hummingbird

/// `geotool serve`: the batch API over HTTP (Hummingbird 2) plus a worker pool, both on one run
/// directory's store. State lives only in SQLite, so a restart loses nothing; the CLI may work the
/// same run directory at the same time.
///
/// ```swift
/// let server = try BatchServer(configuration: ServerConfiguration(runDirectory: "run"), registry: kinds)
/// try await server.run()      // until SIGTERM/SIGINT; then running jobs finish or are released
/// ```
public final class BatchServer: Sendable {
    public let configuration: ServerConfiguration
    public let store: JobStore
    let api: BatchAPI
    let supervisor: PoolSupervisor?

    /// Opens (creating if needed) the run directory's store. `registry` is the set of job kinds
    /// (the CLI's, so the server runs exactly what `geotool batch` runs).
    public init(configuration: ServerConfiguration, registry: JobRegistry) throws {
        self.configuration = configuration
        store = try JobStore(runDirectory: configuration.runDirectory, create: true)
        var poolConfiguration = configuration.pool
        poolConfiguration.workers = max(1, configuration.workers)
        let supervisor = configuration.workers > 0
            ? PoolSupervisor(store: store, registry: registry, configuration: poolConfiguration) : nil
        self.supervisor = supervisor
        let policy = FileParameterPolicy(runDirectory: store.runDirectory, dataRoots: configuration.dataRoots)
        let dashboard = DashboardAPI(store: store, files: JobOutputFiles(store: store, policy: policy),
                                     quickLooks: QuickLookCache(directory: (store.runDirectory as NSString).appendingPathComponent("quicklook"),
                                                                renderer: configuration.quickLook),
                                     serverWorkers: configuration.workers, onRequeue: { supervisor?.wake() })
        api = BatchAPI(store: store, registry: registry,
                       submission: BatchSubmission(store: store, registry: registry, policy: policy,
                                                    maxJobs: configuration.maxJobsPerRequest),
                       bodyLimit: configuration.bodyLimit, serverWorkers: configuration.workers,
                       erosionShortcutKind: configuration.erosionShortcutKind,
                       onSubmit: { supervisor?.wake() }, dashboard: dashboard)
    }

    /// The router: JSON errors outermost, then the bearer token (if any), then the dashboard's page and
    /// assets (open: they hold no data; the page sends the token with each API call), then every `APIRoute`.
    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        if let token = configuration.token {
            router.add(middleware: BearerTokenMiddleware(token: BearerToken(value: token),
                                                         openPaths: Set(APIRoute.allCases.filter(\.isOpen).map(\.path)).union(DashboardAssets.paths)))
        }
        DashboardAssets.register(on: router)
        let api = self.api
        for route in APIRoute.allCases {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                try await api.handle(route, request, context)
            }
        }
        return router
    }

    /// Serves until SIGTERM/SIGINT (`handleSignals`) or until the calling task is cancelled, then
    /// stops the workers (running jobs get `shutdownGrace` seconds, then are released to the queue).
    /// `onRunning` gets the bound port once the server listens.
    public func run(handleSignals: Bool = true, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        supervisor?.start()
        let port = configuration.port
        let app = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(configuration.host, port: port), serverName: "geotool"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) })
        do {
            if handleSignals { try await app.runService() } else { try await app.run() }
        } catch {
            await stopWorkers()
            throw error
        }
        await stopWorkers()
    }

    /// Stops the worker pool (see `run`); returns the number of jobs released to the queue.
    @discardableResult
    public func stopWorkers() async -> Int {
        guard let supervisor else { return 0 }
        let grace = configuration.shutdownGrace
        return await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: supervisor.shutdown(grace: grace)) }.start()
        }
    }
}
