/// A worker process working the store (heartbeat within the last 10 s): `geotool serve`'s pool or a
/// `batch run` process, possibly another shard.
public struct LiveWorker: Sendable, Equatable {
    /// `host:pid`.
    public let id: String
    /// Worker threads of the process.
    public let threads: Int
    /// `k/N` when the process runs one shard.
    public let shard: String?
    /// Unix times of its start and its last heartbeat.
    public let startedAt: Double
    public let heartbeatAt: Double
    /// Jobs it finished so far.
    public let jobsDone: Int
    /// Jobs it holds RUNNING now.
    public let running: Int
}
