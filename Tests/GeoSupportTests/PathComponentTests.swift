import GeoSupport
import XCTest

final class PathComponentTests: XCTestCase {
    func testHostileNamesAreRejected() {
        for bad in ["", ".", "..", "../x", "../../x", "a/b", "/etc/passwd", "a\\b", "x\0y", "line\nbreak", ".hidden",
                    String(repeating: "a", count: 256)] {
            XCTAssertThrowsError(try PathComponent(bad), "\(bad.debugDescription) accepted")
        }
    }

    func testOrdinaryNamesAreKept() throws {
        for good in ["US-Ha1", "site 1", "Niwot_Ridge", "météo", "a.b.c", "x..y", String(repeating: "a", count: 255)] {
            XCTAssertEqual(try PathComponent(good).name, good)
        }
    }

    func testSanitizingAlwaysGivesAValidComponent() throws {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("ab./\\\0\n.é-_ ")
        for _ in 0..<2000 {
            let raw = String((0..<Int.random(in: 0...300, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            let safe = PathComponent(sanitizing: raw)
            XCTAssertNoThrow(try PathComponent(safe.name), "sanitizing \(raw.debugDescription) gave \(safe.name.debugDescription)")
        }
        XCTAssertEqual(PathComponent(sanitizing: "../../x").name, "_._.._x")
    }

    func testErrorDescriptionEscapesControlCharacters() {
        XCTAssertThrowsError(try PathComponent("a\nb")) { error in
            XCTAssertEqual("\(error)", "'a\\u{a}b' contains a control character")
        }
    }
}
