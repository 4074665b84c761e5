import XCTest
import GeoSupport
import TestSupport

/// RFC 4180 reading and writing.
final class CSVTests: XCTestCase {
    func testReaderHandlesQuotesCRLFAndEmbeddedNewlines() throws {
        let text = "\u{FEFF}id,name,note\r\n1,\"Smith, J\",\"said \"\"hi\"\"\"\r\n2,plain,\"two\nlines\"\r\n\r\n3,,last"
        let t = try CSVTable(text: text)
        XCTAssertEqual(t.header, ["id", "name", "note"])
        XCTAssertEqual(t.rows, [["1", "Smith, J", "said \"hi\""], ["2", "plain", "two\nlines"], ["3", "", "last"]])
        XCTAssertEqual(t.lineNumbers, [2, 3, 6], "a quoted newline advances the line count")
    }

    func testColumnAndNumberErrorsNameFileLineAndColumn() throws {
        let t = try CSVTable(text: "id,lon,lat\na,1,2\nb,x,3\n", path: "pts.csv")
        XCTAssertEqual(try t.column(named: "LAT"), 2)
        XCTAssertThrowsError(try t.column(named: "x")) {
            XCTAssertEqual("\($0)", "pts.csv: column 'x': no such column (columns: id, lon, lat)")
        }
        XCTAssertEqual(try t.double(row: 0, column: 1), 1)
        XCTAssertThrowsError(try t.double(row: 1, column: 1)) {
            XCTAssertEqual("\($0)", "pts.csv: line 3, column 'lon': 'x' is not a number")
        }
        XCTAssertThrowsError(try CSVTable(text: "a,b\n1,2,3\n", path: "r.csv")) {
            XCTAssertEqual("\($0)", "r.csv: line 2: has 3 fields, the header has 2")
        }
        XCTAssertThrowsError(try CSVTable(text: "a,b\n\"1,2\n", path: "q.csv")) {
            XCTAssertTrue("\($0)".hasPrefix("q.csv: line 2: unterminated"), "\($0)")
        }
    }

    func testWriterQuotesAndRoundTripsAtomically() throws {
        XCTAssertEqual(CSVWriter.escape("plain"), "plain")
        XCTAssertEqual(CSVWriter.escape("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVWriter.escape("say \"x\""), "\"say \"\"x\"\"\"")
        XCTAssertEqual(CSVWriter.escape("two\r\nlines"), "\"two\r\nlines\"")
        XCTAssertEqual(CSVWriter.escape(" padded"), "\" padded\"")
        let dir = try TestSupport.temporaryDirectory("csv")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/out.csv"
        let rows = [["h1", "h2"], ["a,b", "c\"d"], ["multi\nline", ""], ["Zürich, CH", "end "], ["ÿ\"é", "日本"]]
        let w = try CSVWriter(path: path, lineEnding: .crlf)
        for r in rows { try w.write(r) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "nothing at the path before commit")
        try w.commit()
        let back = try CSVTable(path: path)
        XCTAssertEqual([back.header] + back.rows, rows)
        // A discarded writer leaves nothing behind.
        let d = try CSVWriter(path: "\(dir)/discarded.csv")
        try d.write(["x"])
        d.discard()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["out.csv"])
    }
}
