import Foundation
import XCTest
import TestSupport
@testable import TEM1D

/// One case of ../shared/reference/tem1d_subset.json (see README-tem1d.md there).
struct ReferenceCase: Decodable {
    let id: String
    let resistivity_ohm_m: [Double]
    let thickness_m: [Double]
    let loop_radius_m: Double
    let height_m: Double
    let times_s: [Double]
    let bz_T_per_A: [Double]
    let dbzdt_T_per_s_per_A: [Double]
    let analytic_bz: [Double]?
    let analytic_dbzdt: [Double]?
}

struct ReferenceFile: Decodable {
    let times_s: [Double]
    let cases: [ReferenceCase]
}

enum ReferenceData {
    /// Reads ../shared/reference/tem1d_subset.json in place (never a copy); a missing file fails the test.
    static func load() throws -> ReferenceFile {
        guard let dir = TestSupport.sharedReference else {
            struct Missing: Error, CustomStringConvertible {
                var description: String { "../shared/reference not found beside the repository" }
            }
            throw Missing()
        }
        let data = try Data(contentsOf: dir.appendingPathComponent("tem1d_subset.json"))
        return try JSONDecoder().decode(ReferenceFile.self, from: data)
    }
}

/// max_i |a_i − b_i| / |b_i|.
func maxRelativeError(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    var m = 0.0
    for i in a.indices {
        let r = abs(a[i] - b[i]) / abs(b[i])
        m = max(m, r.isNaN ? .infinity : r)
    }
    return m
}
