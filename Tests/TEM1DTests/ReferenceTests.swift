import XCTest
@testable import TEM1D

final class ReferenceTests: XCTestCase {
    /// Every case of tem1d_subset.json, every gate, both quantities: relative error ≤ 1e-4.
    func testReferenceSubset() throws {
        let ref = try ReferenceData.load()
        XCTAssertEqual(ref.cases.count, 24)
        var worstDb = 0.0, worstBz = 0.0
        let env = ProcessInfo.processInfo.environment
        let filter = env["TEM1D_FILTER"].flatMap(HankelFilter.init(rawValue:)) ?? .key201
        let accuracy = env["TEM1D_ACCURACY"].flatMap(TransformAccuracy.init(rawValue:)) ?? .high
        for c in ref.cases {
            let model = try LayeredModel(resistivities: c.resistivity_ohm_m, thicknesses: c.thickness_m)
            let system = try TEMSystem(loopRadius: c.loop_radius_m, height: c.height_m, times: c.times_s)
            let r = try TEM1D.forward(model: model, system: system, hankelFilter: filter, accuracy: accuracy)
            let eDb = maxRelativeError(r.dbzdt, c.dbzdt_T_per_s_per_A)
            let eBz = maxRelativeError(r.bz, c.bz_T_per_A)
            worstDb = max(worstDb, eDb)
            worstBz = max(worstBz, eBz)
            print(String(format: "%-32@ dbzdt %.2e  bz %.2e", c.id as NSString, eDb, eBz))
            XCTAssertLessThanOrEqual(eDb, 1e-4, "\(c.id) dbzdt")
            XCTAssertLessThanOrEqual(eBz, 1e-4, "\(c.id) bz")
        }
        print(String(format: "reference subset: max rel err dbzdt %.3e, bz %.3e", worstDb, worstBz))
    }
}
