import Foundation
import GeoSupport
import XCTest

final class ContainedPathTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = ContainedPath.resolve(NSTemporaryDirectory() + "contained-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dir + "/run/sub", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/run/out", withDestinationPath: dir + "/elsewhere")
        try FileManager.default.createSymbolicLink(atPath: dir + "/run/rel", withDestinationPath: "../elsewhere")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func testLexicalAndSymbolicEscapesAreSeen() {
        let run = dir + "/run"
        XCTAssertTrue(ContainedPath.isInside(run + "/sub/a.png", root: run))
        XCTAssertTrue(ContainedPath.isInside("sub/./x/../a.png", root: run, base: run))
        XCTAssertTrue(ContainedPath.isInside(run, root: run))
        XCTAssertFalse(ContainedPath.isInside(run + "/../elsewhere/a", root: run))
        XCTAssertFalse(ContainedPath.isInside(run + "/out/a.png", root: run), "absolute symlink out")
        XCTAssertFalse(ContainedPath.isInside(run + "/rel/a.png", root: run), "relative symlink out")
        XCTAssertFalse(ContainedPath.isInside(run + "x/a", root: run), "a sibling with the root as prefix")
        XCTAssertFalse(ContainedPath.isInside("/etc/passwd", root: run))
    }

    func testResolveFollowsLinksOfExistingAncestorsOnly() {
        XCTAssertEqual(ContainedPath.resolve(dir + "/run/out/new/file.tif"), dir + "/elsewhere/new/file.tif")
        XCTAssertEqual(ContainedPath.resolve("a/../b", base: "/x"), "/x/b")
        XCTAssertEqual(ContainedPath.resolve("../../..", base: "/x"), "/")
    }

    func testChildRejectsTraversal() throws {
        XCTAssertEqual(try ContainedPath.child("LST.csv", of: "/o"), "/o/LST.csv")
        XCTAssertThrowsError(try ContainedPath.child("../../x", of: "/o"))
    }
}
