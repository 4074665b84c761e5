/// `GET …/pool/jobs`: the RUNNING jobs of every process working the store.
struct PoolJobsResponse: Codable, Equatable {
    let count: Int
    let jobs: [JobStatusResponse]
}
