/// A workflow's progress: its stages in dependency order, each a batch summary.
public struct WorkflowSummary: Sendable, Equatable, Codable {
    public let id: Int64
    public let name: String
    public let stages: [StageSummary]

    /// RUNNING while any stage runs; else the worst of the stages' outcomes (FAILED only when nothing
    /// completed anywhere).
    public var status: BatchStatus {
        var counts: [JobStatus: Int] = [:]
        for s in stages {
            for (k, v) in s.batch.counts { if let st = JobStatus(rawValue: k) { counts[st, default: 0] += v } }
        }
        return BatchStatus(counts: counts)
    }

    enum CodingKeys: String, CodingKey { case id, name, stages, status }

    public init(id: Int64, name: String, stages: [StageSummary]) {
        self.id = id
        self.name = name
        self.stages = stages
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(Int64.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
                  stages: try c.decode([StageSummary].self, forKey: .stages))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(stages, forKey: .stages)
        try c.encode(status, forKey: .status)
    }
}
