import Foundation
import GeoSupport
import XCTest

final class TemporaryNameTests: XCTestCase {
    func testTemporaryIsHiddenBesideTheOutput() {
        let t = TemporaryName.forOutput("/out/dem.tif")
        XCTAssertTrue(t.hasPrefix("/out/.dem.tif.tmp-"), t)
        XCTAssertNotEqual(t, TemporaryName.forOutput("/out/dem.tif"), "unique per call")
    }

    func testMessagesNameTheOutputNotTheTemporary() {
        let t = TemporaryName.forOutput("/out/dem.tif")
        XCTAssertEqual(TemporaryName.userFacing("\(t): disk full"), "/out/dem.tif: disk full")
        XCTAssertEqual(TemporaryName.userFacing("TIFFWrite:\(t).cog: bad"), "TIFFWrite:/out/dem.tif: bad")
        XCTAssertEqual(TemporaryName.userFacing("cannot open '\(t).aux.xml'"), "cannot open '/out/dem.tif'")
        let relative = TemporaryName.forOutput("dem.tif")
        XCTAssertEqual(TemporaryName.userFacing("\(relative) failed"), "dem.tif failed")
        XCTAssertEqual(TemporaryName.userFacing("/a/.x.tmp-old: ok"), "/a/.x.tmp-old: ok", "not geotool's pattern")
        XCTAssertEqual(TemporaryName.userFacing("plain message"), "plain message")
    }

    func testDerivedNames() {
        XCTAssertTrue(TemporaryName.isDerived(".a.tif.tmp-1-2", from: ".a.tif.tmp-1-2"))
        XCTAssertTrue(TemporaryName.isDerived(".a.tif.tmp-1-2.cog.ovr.tmp", from: ".a.tif.tmp-1-2"))
        XCTAssertFalse(TemporaryName.isDerived(".a.tif.tmp-1-23", from: ".a.tif.tmp-1-2"), "another temporary")
        XCTAssertFalse(TemporaryName.isDerived("a.tif", from: ".a.tif.tmp-1-2"))
    }
}
