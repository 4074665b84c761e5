import GeoSupport

extension BatchSpec {
    /// Number of jobs the spec expands to, computed from the axis lengths without expanding (so a
    /// 10⁹-job spec costs nothing to count); throws (naming `max_jobs`) when above `limit` (default:
    /// the spec's own `max_jobs`), or when `list` parameters differ in length.
    public func jobCount(limit: Int? = nil) throws -> Int {
        let cap = limit ?? maxJobs
        let counted: Int?
        do { counted = try space.count() } catch let e as SpecError {
            throw BatchError.invalidSpec(path: e.path, message: e.message)
        }
        guard let count = counted, count > 0, count <= cap else {
            let size = counted.map(String.init) ?? "more than \(Int.max)"
            let what = limit == nil ? "max_jobs (\(maxJobs)); raise max_jobs to allow" : "the limit of \(cap) jobs per batch"
            throw BatchError.invalidSpec(path: "max_jobs",
                                         message: counted == 0 ? "the spec expands to no jobs (an empty sweep)"
                                                               : "the spec expands to \(size) jobs, more than \(what)")
        }
        return count
    }

    /// The varying parameters of every job, in the space's point order (`ParameterSpace`).
    public func expand() throws -> [JobParameters] {
        var jobs: [JobParameters] = []
        jobs.reserveCapacity(try jobCount())
        try forEachJob { jobs.append($0) }
        return jobs
    }

    /// Calls `body` with each job's varying parameters in `expand()`'s order, one at a time: memory
    /// does not grow with the job count (the store inserts while expanding). Counts first (`jobCount`).
    public func forEachJob(limit: Int? = nil, _ body: (JobParameters) throws -> Void) throws {
        _ = try jobCount(limit: limit)
        try space.forEachPoint(body)
    }
}
