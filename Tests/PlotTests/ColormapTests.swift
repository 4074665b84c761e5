import XCTest
@testable import Plot

final class ColormapTests: XCTestCase {
    func testViridisEndpoints() throws {
        let v = try Colormap.named("viridis")
        XCTAssertEqual(v.colors.count, 256)
        let first = v.colors[0], last = v.colors[255]
        XCTAssertEqual(first.red, 0.267004, accuracy: 1e-6)
        XCTAssertEqual(first.green, 0.004874, accuracy: 1e-6)
        XCTAssertEqual(first.blue, 0.329415, accuracy: 1e-6)
        XCTAssertEqual(last.red, 0.993248, accuracy: 1e-6)
        XCTAssertEqual(last.green, 0.906157, accuracy: 1e-6)
        XCTAssertEqual(last.blue, 0.143936, accuracy: 1e-6)
        XCTAssertEqual(v.color(at: 0), first)
        XCTAssertEqual(v.color(at: 1), last)
        XCTAssertEqual(v.color(at: -3), first)
        XCTAssertEqual(v.color(at: .nan), first)
    }

    func testPerceptuallyUniformMapsHaveMonotonicLightness() throws {
        for name in ["viridis", "magma", "cividis"] {
            let l = try Colormap.named(name).colors.map(\.lightness)
            for i in 1..<l.count { XCTAssertGreaterThan(l[i], l[i - 1], "\(name) L* not increasing at \(i)") }
            XCTAssertGreaterThan(l.last! - l.first!, 50, name)
        }
        // terrain is not monotonic: the check would catch a non-uniform table.
        let t = try Colormap.named("terrain").colors.map(\.lightness)
        XCTAssertFalse(zip(t, t.dropFirst()).allSatisfy { $0 < $1 })
    }

    func testLightnessOfKnownColours() {
        XCTAssertEqual(Color.white.lightness, 100, accuracy: 1e-6)
        XCTAssertEqual(Color.black.lightness, 0, accuracy: 1e-6)
        XCTAssertEqual(Color(hex: 0x808080).lightness, 53.585, accuracy: 0.01)
    }

    func testAllBundledTablesAndReversal() throws {
        for n in Colormap.names { XCTAssertEqual(try Colormap.named(n).colors.count, 256, n) }
        let rd = try Colormap.named("RdBu")
        XCTAssertTrue(rd.isDiverging)
        XCTAssertGreaterThan(rd.colors[0].red, rd.colors[0].blue)   // red end first
        let r = try Colormap.named("viridis_r")
        XCTAssertEqual(r.colors.first, try Colormap.named("viridis").colors.last)
        XCTAssertThrowsError(try Colormap.named("jet")) { XCTAssertEqual($0 as? PlotError, .unknownColormap("jet")) }
    }

    func testParseRejectsBadTables() {
        XCTAssertThrowsError(try Colormap.parse("# x\n0 0 0\n1 2\n", name: "bad"))
        XCTAssertThrowsError(try Colormap.parse("0 0 0\n", name: "short"))
        XCTAssertEqual(try Colormap.parse("# c\n0 0 0\n1 1 1\n", name: "gray").colors.count, 2)
    }
}
