/// How the valid input pixels of one output cell are reduced to one value.
public enum AggregationMethod: String, Sendable, CaseIterable, Codable {
    /// Σ of valid inputs.
    case sum
    /// Σ / number of valid inputs.
    case mean
    case min
    case max
    /// Number of valid inputs (never nodata: a cell without valid inputs counts 0).
    case count
}

/// What to do with output cells that the input covers only partly at the right/bottom edge.
public enum EdgePolicy: String, Sendable, CaseIterable, Codable {
    /// Keep partial edge cells (they reduce the input pixels they do have).
    case keep
    /// Drop them: the output covers only whole cells.
    case drop
}
