import GeoSupport

/// Which jobs of one batch to list, in which order, and which slice of them: the dashboard's job table.
/// Filtering, sorting and paging happen in SQLite, so a 100,000-job batch is never loaded or sent at once.
public struct JobPageQuery: Sendable, Equatable {
    /// What the jobs are ordered by (ties broken by job id).
    public enum SortKey: Sendable, Equatable {
        case seq, id, status, attempts
        /// A varying parameter, by name.
        case parameter(String)
        /// A result value, by name (jobs without a result sort first ascending).
        case value(String)
    }

    /// The most jobs one page may hold.
    public static let maxLimit = 500

    public var batchID: Int64
    /// Only jobs in one of these statuses (empty: all).
    public var statuses: [JobStatus] = []
    /// Only jobs whose parameter `name` equals the value (numbers compare numerically).
    public var parameterEquals: [String: ParameterValue] = [:]
    public var sort: SortKey = .seq
    public var descending = false
    /// Jobs skipped before the page (≥ 0).
    public var offset = 0
    /// Jobs on the page (1…`maxLimit`).
    public var limit = 50

    /// The first `limit` jobs of `batchID` by sequence number, unfiltered.
    public init(batchID: Int64, limit: Int = 50) {
        self.batchID = batchID
        self.limit = limit
    }

    /// Whether `name` can be used in a JSON path and an ORDER BY without quoting trouble (letters,
    /// digits, `_`, `-`, `.`; at most 128 characters).
    public static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 128
            && name.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
                || $0 == "_" || $0 == "-" || $0 == "." }
    }
}
