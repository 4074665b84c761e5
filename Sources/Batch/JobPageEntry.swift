/// One row of a job page: the job and, once it completed, its result.
public struct JobPageEntry: Sendable, Equatable {
    public let job: JobRow
    public let result: JobResult?
}
