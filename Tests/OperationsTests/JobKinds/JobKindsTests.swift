import Batch
import Operations
import XCTest

/// The registry every front end links: all kinds, the erosion kind under the name the server's shortcut is given.
final class JobKindsTests: XCTestCase {
    func testRegistryHoldsEveryKind() {
        let files = TEM1DFileReaders(system: { throw OperationError("\($0): not read in this test") },
                                     models: { throw OperationError("\($0): not read in this test") })
        let registry = JobKinds.registry(reading: files)
        XCTAssertEqual(Set(registry.kinds), ["synthetic", "raster-stats", "raster-scale", "erosion-scenario", "tem1d-chunk", "plot"])
        XCTAssertTrue(registry.kinds.contains(ErosionScenarioJob.kindName))
    }
}
