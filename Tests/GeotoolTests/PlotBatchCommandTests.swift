import Foundation
import TestSupport
import XCTest

/// `geotool plot batch` run as a process: one PNG and one summary row per group, independent of --jobs.
final class PlotBatchCommandTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("plot-batch") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// 3 sites × 2 variables = 6 groups; the (C, ET) group is all NaN.
    func makeCSV() throws -> String {
        var text = "site,variable,date,observed,predicted\n"
        var k = 0
        for site in ["A", "B", "C"] {
            for variable in ["LST", "ET"] {
                for d in 1...20 {
                    k += 1
                    let o = Double((k * 37) % 100) / 10
                    let p = site == "C" && variable == "ET" ? "NaN" : "\(o + Double((k * 17) % 7) / 10 - 0.3)"
                    text += "\(site),\(variable),2023-07-\(d < 10 ? "0" : "")\(d),\(site == "C" && variable == "ET" ? "" : "\(o)"),\(p)\n"
                }
            }
        }
        let p = "\(dir!)/in.csv"
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    func runBatch(_ csv: String, out: String, jobs: Int, kind: String = "scatter") throws -> TestSupport.ProcessResult {
        let (x, y) = kind == "scatter" ? ("observed", "predicted") : ("date", "observed")
        return try TestSupport.geotool(["plot", "batch", csv, "--by", "site,variable", "--kind", kind, "--x", x, "--y", y,
                                        "--out", out, "--jobs", "\(jobs)", "--width", "400", "--height", "400"])
    }

    func testGroupsPNGsAndSummaryIndependentOfJobs() throws {
        let csv = try makeCSV()
        let out1 = "\(dir!)/j1", out2 = "\(dir!)/j2"
        let r1 = try runBatch(csv, out: out1, jobs: 1), r2 = try runBatch(csv, out: out2, jobs: 2)
        XCTAssertEqual(r1.status, 0, r1.stderr)
        XCTAssertEqual(r2.status, 0, r2.stderr)
        let fm = FileManager.default
        let pngs1 = try fm.contentsOfDirectory(atPath: out1).filter { $0.hasSuffix(".png") }.sorted()
        let pngs2 = try fm.contentsOfDirectory(atPath: out2).filter { $0.hasSuffix(".png") }.sorted()
        XCTAssertEqual(pngs1, ["A_ET.png", "A_LST.png", "B_ET.png", "B_LST.png", "C_ET.png", "C_LST.png"])
        XCTAssertEqual(pngs1, pngs2)
        for p in pngs1 {
            XCTAssertEqual(fm.contents(atPath: "\(out1)/\(p)"), fm.contents(atPath: "\(out2)/\(p)"), "\(p) differs between --jobs 1 and 2")
        }
        let s1 = try String(contentsOfFile: "\(out1)/summary.csv", encoding: .utf8)
        XCTAssertEqual(s1, try String(contentsOfFile: "\(out2)/summary.csv", encoding: .utf8))
        let rows = s1.split(separator: "\n")
        XCTAssertEqual(rows.first, "site,variable,png,n,rmse,bias,r2")
        XCTAssertEqual(rows.count, 1 + 6)
        XCTAssertTrue(rows.contains("C,ET,C_ET.png,0,,,"), s1)
        XCTAssertTrue(rows.filter { $0.hasPrefix("A,LST,A_LST.png,20,") }.count == 1, s1)
        XCTAssertTrue(r2.stderr.contains("6 rendered"), r2.stderr)
        XCTAssertFalse(try fm.contentsOfDirectory(atPath: out2).contains { $0.hasSuffix(".tmp") || $0.hasPrefix(".") })
    }

    func testRerunSkipsCompletePNGs() throws {
        let csv = try makeCSV()
        let out = "\(dir!)/o"
        XCTAssertEqual(try runBatch(csv, out: out, jobs: 2).status, 0)
        let before = try FileManager.default.attributesOfItem(atPath: "\(out)/A_LST.png")[.modificationDate] as? Date
        try FileManager.default.removeItem(atPath: "\(out)/B_ET.png")
        Thread.sleep(forTimeInterval: 1.1)
        let r = try runBatch(csv, out: out, jobs: 2)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("1 rendered, 5 already complete"), r.stderr)
        let after = try FileManager.default.attributesOfItem(atPath: "\(out)/A_LST.png")[.modificationDate] as? Date
        XCTAssertEqual(before, after)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/B_ET.png"))
    }

    func testSeriesKindAndErrors() throws {
        let csv = try makeCSV()
        let out = "\(dir!)/series"
        let r = try runBatch(csv, out: out, jobs: 2, kind: "series")
        XCTAssertEqual(r.status, 0, r.stderr)
        let summary = try String(contentsOfFile: "\(out)/summary.csv", encoding: .utf8)
        XCTAssertTrue(summary.hasPrefix("site,variable,png,n,mean,min,max\n"), summary)
        XCTAssertEqual(summary.split(separator: "\n").count, 7)
        let bad = try TestSupport.geotool(["plot", "batch", csv, "--by", "site,nope", "--kind", "scatter", "--x", "observed",
                                           "--y", "predicted", "--out", "\(dir!)/bad"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertEqual(bad.stderr.split(separator: "\n").count, 1, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("in.csv") && bad.stderr.contains("'nope'"), bad.stderr)
    }
}
