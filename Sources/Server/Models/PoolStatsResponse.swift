import Batch

/// `GET …/pool/stats`: the pool as the store sees it (this server and any `batch run` process).
struct PoolStatsResponse: Codable, Equatable {
    /// Live worker threads across processes (heartbeat within 10 s).
    let workers: Int
    /// Live worker processes.
    let processes: Int
    /// Worker threads this server runs when jobs are pending.
    let serverWorkers: Int
    /// RUNNING jobs.
    let busy: Int
    let queued: Int
    let completed: Int
    let failed: Int
    /// Completed jobs per second over the last 60 s.
    let throughput: Double
    /// Completed jobs per second from the first to the last result.
    let overallThroughput: Double

    init(_ s: PoolStats, serverWorkers: Int) {
        workers = s.workers
        processes = s.processes
        self.serverWorkers = serverWorkers
        busy = s.running
        queued = s.queued
        completed = s.completed
        failed = s.failed
        throughput = s.recentThroughput
        overallThroughput = s.overallThroughput
    }

    enum CodingKeys: String, CodingKey {
        case workers, processes, serverWorkers = "server_workers", busy, queued, completed, failed, throughput
        case overallThroughput = "overall_throughput"
    }
}
