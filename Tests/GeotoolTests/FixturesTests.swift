import XCTest
import TestSupport

/// The committed fixtures are exactly what `geotool make-fixtures` produces.
final class FixturesTests: XCTestCase {
    func testFixturesRegenerateByteForByte() throws {
        let dir = try TestSupport.temporaryDirectory("fixtures")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try TestSupport.geotool(["make-fixtures", dir])
        XCTAssertEqual(r.status, 0, r.stderr)
        let generated = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        XCTAssertGreaterThanOrEqual(generated.count, 12)
        for name in generated {
            let fresh = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name)"))
            let committed = try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture(name)))
            XCTAssertEqual(fresh, committed, "\(name) differs from its regeneration")
        }
    }

    func testFixturesStayUnderTwoMegabytes() throws {
        let dir = TestSupport.repoRoot.appendingPathComponent("fixtures").path
        let total = try FileManager.default.subpathsOfDirectory(atPath: dir).reduce(0) { sum, name in
            sum + ((try? FileManager.default.attributesOfItem(atPath: "\(dir)/\(name)")[.size] as? Int) ?? 0)
        }
        XCTAssertLessThan(total, 2_000_000)
    }
}
