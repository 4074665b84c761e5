import Batch
import Operations
import XCTest

/// The registry every front end links: all kinds, the erosion kind under the name the server's shortcut is given.
final class JobKindsTests: XCTestCase {
    func testRegistryHoldsEveryKind() {
        let registry = JobKinds.registry
        XCTAssertEqual(Set(registry.kinds), ["synthetic", "raster-stats", "raster-scale", "erosion-scenario", "tem1d-chunk", "plot",
                                              "reproject", "resample", "extract", "ecostress-regrid", "erosion-derive", "evolve", "table"])
        XCTAssertTrue(registry.kinds.contains(ErosionScenarioJob.kindName))
    }

    func testEveryDomainKindNamesWhatAWorkflowMayReferTo() throws {
        let registry = JobKinds.registry
        for kind in registry.kinds where kind != "synthetic" {
            XCTAssertFalse(try registry.runner(for: kind).products.results.isEmpty, kind)
        }
        XCTAssertEqual(try registry.runner(for: "erosion-scenario").products.outputs, ["soil_loss", "usped", "risk"])
        XCTAssertTrue(try registry.runner(for: "erosion-scenario").products.results.contains("mean_t_ha_yr"))
    }
}
