import GeoSupport
import XCTest

/// `CheckedSize`, `MemoryBudget`, `SizeError` and `ByteCount`: conversions and products that never trap,
/// budgets checked before allocation, one-line messages that name the field.
final class CheckedSizeTests: XCTestCase {
    let small = MemoryBudget(bytes: 1 << 30, origin: "test")

    func testIntegerConversionRejectsWhatIntCannotHold() throws {
        XCTAssertEqual(try CheckedSize.integer(2.9, field: "n"), 2)
        XCTAssertEqual(try CheckedSize.integer(2.1, field: "n", rounding: .up), 3)
        XCTAssertEqual(try CheckedSize.integer(-3.5, field: "n", rounding: .down), -4)
        for bad in [Double.nan, .infinity, -.infinity, 9.3e18, -9.3e18, 1e300, 9_223_372_036_854_775_807] {
            XCTAssertThrowsError(try CheckedSize.integer(bad, field: "--factor")) { e in
                let s = "\(e)"
                XCTAssertTrue(s.hasPrefix("--factor: "), s)
                XCTAssertFalse(s.contains("\n"), s)
            }
        }
        XCTAssertThrowsError(try CheckedSize.integer(0, field: "n", within: 1...10))
        XCTAssertThrowsError(try CheckedSize.integer(11, field: "n", within: 1...10)) { e in
            XCTAssertEqual("\(e)", "n: 11 is out of range (must be 1…10)")
        }
        XCTAssertEqual(try CheckedSize.steps(1e18 / 1e9, field: "steps", limit: Int.max), 1_000_000_000)
        XCTAssertThrowsError(try CheckedSize.steps(1e18 / 1e-9, field: "steps", limit: 1_000_000_000)) { e in
            XCTAssertEqual("\(e)", "steps: 1.0e+27 is out of range (must be 1…1,000,000,000)")
        }
    }

    func testClampedConversionSaturates() {
        XCTAssertEqual(CheckedSize.clamped(.nan, to: 0...255), 0)
        XCTAssertEqual(CheckedSize.clamped(.infinity, to: 0...255), 255)
        XCTAssertEqual(CheckedSize.clamped(-.infinity, to: 0...255), 0)
        XCTAssertEqual(CheckedSize.clamped(1e300, to: Int.min...Int.max), Int.max)
        XCTAssertEqual(CheckedSize.clamped(-1e300, to: Int.min...Int.max), Int.min)
        XCTAssertEqual(CheckedSize.clamped(127.9, to: 0...255), 127)
        XCTAssertEqual(CheckedSize.clamped(-0.5, to: 0...255), 0)
        XCTAssertEqual(CheckedSize.clamped(2.1, to: 0...255, rounding: .up), 3)
    }

    func testProductsAreOverflowChecked() throws {
        XCTAssertEqual(try CheckedSize.product([1000, 1000, 8], field: "grid"), 8_000_000)
        XCTAssertEqual(try CheckedSize.product([], field: "grid"), 1)
        XCTAssertThrowsError(try CheckedSize.product([Int.max, 2], field: "grid")) { e in
            XCTAssertTrue("\(e)".hasPrefix("grid: 9,223,372,036,854,775,807 × 2 is too large"), "\(e)")
        }
        XCTAssertThrowsError(try CheckedSize.product([1 << 32, 1 << 32], field: "grid"))
        XCTAssertThrowsError(try CheckedSize.product([-1, 5], field: "grid"))
    }

    func testGridsAreComparedWithTheBudgetBeforeConversion() throws {
        let ok = try CheckedSize.grid(width: 1000.0, height: 2000, bytesPerCell: 8, field: "resolution", budget: small)
        XCTAssertEqual(ok.width, 1000)
        XCTAssertEqual(ok.height, 2000)
        XCTAssertThrowsError(try CheckedSize.grid(width: 1e9, height: 1e9, bytesPerCell: 8, field: "resolution",
                                                  subject: "the output", budget: small)) { e in
            XCTAssertEqual("\(e)", "resolution: the output would be 1,000,000,000 × 1,000,000,000 cells (6.9 EiB), "
                + "more than the memory budget (1 GiB, test)")
            XCTAssertEqual((e as? SizeError)?.naming("--tr").description.hasPrefix("--tr: the output would be"), true)
        }
        // Sizes beyond Double's integers, NaN, zero and negative widths are errors too.
        for (w, h) in [(1e300, 1e300), (.infinity, 1), (.nan, 1), (0, 5), (-3, 5), (5, -1e308)] {
            XCTAssertThrowsError(try CheckedSize.grid(width: w, height: h, bytesPerCell: 8, field: "f", budget: small)) { e in
                XCTAssertTrue("\(e)".hasPrefix("f: "), "\(e)")
            }
        }
        // Within the budget but wider than a 32-bit index.
        XCTAssertThrowsError(try CheckedSize.grid(width: 3e9, height: 1, bytesPerCell: 1, field: "f",
                                                  budget: MemoryBudget(bytes: 1 << 40))) { e in
            XCTAssertTrue("\(e)".contains("2,147,483,647"), "\(e)")
        }
        XCTAssertThrowsError(try CheckedSize.grid(width: Int.max, height: Int.max, bytesPerCell: 4, field: "width",
                                                  subject: "the image", unit: "pixels", budget: small))
    }

    func testStandardBudgetComesFromTheEnvironmentOrHalfTheMemory() {
        let gib: UInt64 = 1 << 30
        let d = MemoryBudget.fromEnvironment([:], physicalMemory: 24 * gib)
        XCTAssertEqual(d.bytes, 12 << 30)
        XCTAssertTrue(d.description.hasPrefix("12 GiB, half the physical memory"), d.description)
        XCTAssertEqual(MemoryBudget.fromEnvironment(["GEOTOOL_MEMORY_BUDGET": "64G"], physicalMemory: gib).bytes, 64 << 30)
        let bad = MemoryBudget.fromEnvironment(["GEOTOOL_MEMORY_BUDGET": "lots"], physicalMemory: 2 * gib)
        XCTAssertEqual(bad.bytes, 1 << 30)
        XCTAssertTrue(bad.description.contains("'lots' is not a size"), bad.description)
        XCTAssertEqual(MemoryBudget.parse("512MiB"), 512 << 20)
        XCTAssertEqual(MemoryBudget.parse("1.5k"), 1536)
        XCTAssertEqual(MemoryBudget.parse("1000000"), 1_000_000)
        for bad in ["", "0", "-5G", "nan", "inf", "1e30", "G"] { XCTAssertNil(MemoryBudget.parse(bad), bad) }
        XCTAssertGreaterThan(MemoryBudget.standard.bytes, 0)
        XCTAssertTrue(small.allows(Double(1 << 30)))
        XCTAssertFalse(small.allows(.nan))
        XCTAssertFalse(small.allows(.infinity))
    }

    func testByteCountsAndGroupedNumbers() {
        XCTAssertEqual(ByteCount.format(0), "0 B")
        XCTAssertEqual(ByteCount.format(1023), "1023 B")
        XCTAssertEqual(ByteCount.format(1536), "1.5 KiB")
        XCTAssertEqual(ByteCount.format(12 * 1024 * 1024 * 1024), "12 GiB")
        XCTAssertEqual(ByteCount.format(8e18), "6.9 EiB")
        XCTAssertEqual(ByteCount.format(1e40), "1.0e+40 B")
        XCTAssertEqual(ByteCount.format(.infinity), "an unbounded size")
        XCTAssertEqual(ByteCount.grouped(1_000_000_000), "1,000,000,000")
        XCTAssertEqual(ByteCount.grouped(-1234), "-1,234")
        XCTAssertEqual(ByteCount.grouped(999), "999")
        XCTAssertEqual(ByteCount.grouped(1e27), "1.0e+27")
        XCTAssertEqual(ByteCount.grouped(2.5), "2.5e+00")
        XCTAssertEqual(ByteCount.grouped(.nan), "nan")
    }
}
