import Batch
import Foundation

/// How `geotool serve` runs: where it listens, which store it serves, who may call it, how many
/// worker threads run jobs.
public struct ServerConfiguration: Sendable {
    /// The run directory (`RUN/batch.sqlite`, created if missing).
    public var runDirectory: String
    /// Bind address: loopback unless told otherwise.
    public var host = "127.0.0.1"
    /// TCP port; 0 picks a free one (reported through `BatchServer.run(onRunning:)`).
    public var port = 8000
    /// Bearer token required on every route but `/health`; nil for none.
    public var token: String?
    /// Largest accepted request body in bytes (larger → 413).
    public var bodyLimit = 1 << 20
    /// Most jobs one submit may expand to, whatever the spec's `max_jobs` says (counted from the axis
    /// lengths before anything is expanded; larger → 400 naming `max_jobs`).
    public var maxJobsPerRequest = 100_000
    /// Roots file parameters may point into besides the run directory (default: the working directory).
    public var dataRoots = [FileManager.default.currentDirectoryPath]
    /// Worker threads running jobs in the server process; 0 serves the API only (jobs are then run
    /// by `geotool batch run` processes on the same store).
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// The pool's settings (isolation override, child command, lease, heartbeat).
    public var pool = BatchWorkerPool.Configuration()
    /// Seconds running jobs get to finish on shutdown before they are released back to the queue.
    public var shutdownGrace = 10.0
    /// The job kind the erosion shortcut (`POST …/simulations/parallel`) submits, named by whoever registers
    /// the kinds (the CLI sets the Operations erosion kind); nil: the shortcut answers 501.
    public var erosionShortcutKind: String?
    /// Draws the dashboard's quick-looks of raster outputs (injected by whoever links a raster library;
    /// nil: quick-look requests get 501).
    public var quickLook: QuickLookRenderer?

    public init(runDirectory: String) {
        self.runDirectory = runDirectory
    }
}
