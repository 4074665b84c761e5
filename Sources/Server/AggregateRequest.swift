import Batch

/// The `aggregate` and `by` query parameters of `…/results` and `…/aggregate`, parsed once: which
/// statistics of every numeric result value, grouped by which parameters (`batch results --aggregate`).
struct AggregateRequest: Sendable {
    /// Default: mean, std, min, max.
    var statistics: [AggregateStatistic] = [.mean, .std, .min, .max]
    /// Parameter names to group by (empty: one group).
    var by: [String] = []

    /// Reads `aggregate` and `by` from `query`; `extra` names other keys the route accepts (returned
    /// with their values); any other key is a 400 naming it.
    init(query: some Sequence<(key: Substring, value: Substring)>, extra: Set<String> = []) throws {
        var names: [String]?
        for (key, value) in query {
            let items = value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            switch key {
            case "aggregate": names = items
            case "by": by = items
            case _ where extra.contains(String(key)): others[String(key)] = String(value)
            default:
                let expected = (["aggregate", "by"] + extra.sorted()).joined(separator: ", ")
                throw APIError(.badRequest, "unknown query parameter '\(key)' (expected \(expected))", field: String(key))
            }
        }
        if let names {
            do {
                statistics = try names.map(AggregateStatistic.init(parsing:))
            } catch let e as BatchError {
                throw APIError(.badRequest, e.description, field: "aggregate")
            }
        }
    }

    /// Values of the accepted `extra` keys.
    private(set) var others: [String: String] = [:]

    /// The aggregate table of `rows` (nil when there are none: no value names to head the columns).
    func table(_ rows: [ResultRow]) throws -> ResultCSV? {
        guard !rows.isEmpty else { return nil }
        do {
            return try ResultAggregation.aggregate(rows, statistics: statistics, by: by)
        } catch let e as BatchError {
            throw APIError(.badRequest, e.description, field: "by")
        }
    }
}
