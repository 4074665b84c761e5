import Batch
import Foundation
@testable import Server
import XCTest

final class FileParameterPolicyTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/run", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    private var policy: FileParameterPolicy {
        FileParameterPolicy(runDirectory: root + "/run", dataRoots: [root + "/data"], baseDirectory: root + "/data")
    }

    func testWhatCountsAsAFileParameter() {
        XCTAssertTrue(FileParameterPolicy.isFileParameter(name: "dem", value: "x.tif"))
        XCTAssertTrue(FileParameterPolicy.isFileParameter(name: "mask_path", value: "x"))
        XCTAssertTrue(FileParameterPolicy.isFileParameter(name: "scenario", value: "a/b"))
        XCTAssertTrue(FileParameterPolicy.isFileParameter(name: "scenario", value: ".."))
        XCTAssertFalse(FileParameterPolicy.isFileParameter(name: "scenario", value: "wet"))
    }

    func testInsideRootsIsAllowedOutsideIsNot() {
        XCTAssertTrue(policy.allows("dem.tif"))                        // relative to the base (a data root)
        XCTAssertTrue(policy.allows(root + "/run/outputs/1/x.tif"))
        XCTAssertTrue(policy.allows(root + "/data/../run/a.tif"))
        XCTAssertFalse(policy.allows("../../etc/passwd"))
        XCTAssertFalse(policy.allows("/etc/passwd"))
        XCTAssertFalse(policy.allows(root + "/run/../elsewhere.tif"))
        XCTAssertFalse(policy.allows(root + "/runner/x.tif"), "a sibling sharing the prefix is outside")
    }

    func testSymlinkOutOfARootIsRejected() throws {
        try FileManager.default.createSymbolicLink(atPath: root + "/data/escape", withDestinationPath: "/etc")
        XCTAssertFalse(policy.allows(root + "/data/escape/passwd"))
    }

    func testCheckNamesTheField() throws {
        var spec = BatchSpec(name: "b", kind: "k")
        spec.inputs = ["dem": "dem.tif"]
        spec.parameters = ["raster": .grid(["a.tif", "../../../x.tif"])]
        XCTAssertThrowsError(try policy.check(spec)) { error in
            guard case BatchError.invalidSpec(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "parameters.raster.grid[1]")
        }
        spec.parameters = ["raster": .value("b.tif"), "rain": .sweep(.linspace(start: 0, stop: 1, num: 2))]
        XCTAssertNoThrow(try policy.check(spec))
    }
}
