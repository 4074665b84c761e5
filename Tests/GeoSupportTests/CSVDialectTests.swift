import Foundation
import GeoSupport
import TestSupport
import XCTest

/// geotool's one CSV dialect: the shared table (`CSVDialectCase.all`) through every entry point of GeoSupport's
/// reader, and the writer's output read back.
final class CSVDialectTests: XCTestCase {
    private let path = "dialect.csv"

    func testReaderOnTheSharedTable() {
        for c in CSVDialectCase.all {
            var reader = CSVReader(bytes: c.bytes, path: path)
            do {
                var records: [(line: Int, fields: [String])] = []
                while let r = try reader.next() { records.append(r) }
                XCTAssertNil(c.error, "\(c.name): no error, records \(records)")
                XCTAssertEqual(records.map(\.fields), c.records.map(\.fields), c.name)
                XCTAssertEqual(records.map(\.line), c.records.map(\.line), c.name)
            } catch {
                XCTAssertNil(c.problem(withError: "\(error)", path: path))
                XCTAssertTrue(error is CSVError, "\(c.name): \(type(of: error))")
            }
        }
    }

    func testTableOnTheSharedTable() {
        for c in CSVDialectCase.all {
            do {
                let t = try CSVTable(bytes: c.bytes, path: path)
                XCTAssertNil(c.error, "\(c.name): no error")
                XCTAssertEqual([t.header] + t.rows, c.records.map(\.fields), c.name)
                XCTAssertEqual(t.lineNumbers, c.records.dropFirst().map(\.line), c.name)
            } catch {
                XCTAssertNil(c.problem(withError: "\(error)", path: path))
            }
        }
    }

    func testTableFromAFileOnTheSharedTable() throws {
        let dir = try TestSupport.temporaryDirectory("csv-dialect")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (i, c) in CSVDialectCase.all.enumerated() {
            let file = "\(dir)/\(i).csv"
            try Data(c.bytes).write(to: URL(fileURLWithPath: file))
            do {
                let t = try CSVTable(path: file)
                XCTAssertEqual([t.header] + t.rows, c.records.map(\.fields), c.name)
            } catch {
                XCTAssertNil(c.problem(withError: "\(error)", path: file))
            }
        }
    }

    func testCommentsAreSkippedOnlyWhenAsked() throws {
        let text = Array("# models\nrho_1\n  # indented\n\"# not a comment\"\n".utf8)
        var plain = CSVReader(bytes: text, path: path)
        var withComments = CSVReader(bytes: text, path: path, skipsComments: true)
        var all: [[String]] = [], kept: [(line: Int, fields: [String])] = []
        while let r = try plain.next() { all.append(r.fields) }
        while let r = try withComments.next() { kept.append(r) }
        XCTAssertEqual(all.count, 4)
        XCTAssertEqual(kept.map(\.fields), [["rho_1"], ["# not a comment"]])
        XCTAssertEqual(kept.map(\.line), [2, 4])
    }

    func testWriterQuotesOnlyWhenNeeded() {
        XCTAssertEqual(CSVWriter.text([["a", "1.5", "", "Zürich"]]), "a,1.5,,Zürich\n")
        XCTAssertEqual(CSVWriter.text([["a,b", "say \"x\"", "two\nlines", " padded", "end "]]),
                       "\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",\" padded\",\"end \"\n")
        XCTAssertEqual(CSVWriter.text([["h"], ["v"]], lineEnding: .crlf), "h\r\nv\r\n")
        var bytes: [UInt8] = []
        CSVWriter.appendRecord(["1", "x,y"], to: &bytes)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "1,\"x,y\"\n")
        XCTAssertEqual(CSVWriter.encode(["id", "a b"]) + Array("z".utf8), Array("id,a b,z".utf8))
    }

    func testWriterRoundTripsEveryRecordOfTheSharedTable() throws {
        let records = CSVDialectCase.all.filter { $0.error == nil }.flatMap { $0.records.map(\.fields) }
            + [["", ""], ["\"", ","], ["\r", "\n"], [" ", "ÿ\"é"]]
        for ending in [CSVWriter.LineEnding.lf, .crlf] {
            var reader = CSVReader(bytes: Array(CSVWriter.text(records, lineEnding: ending).utf8), path: path)
            var back: [[String]] = []
            while let r = try reader.next() { back.append(r.fields) }
            XCTAssertEqual(back, records, "\(ending)")
        }
    }

    func testWriterIntoAHandleAndToAFile() throws {
        let dir = try TestSupport.temporaryDirectory("csv-writer")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rows = [["h1", "h2"], ["a,b", "multi\nline"], ["", "日本"]]
        let handlePath = "\(dir)/handle.csv"
        FileManager.default.createFile(atPath: handlePath, contents: nil)
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: handlePath))
        let w = CSVWriter(handle: handle, path: handlePath, lineEnding: .crlf)
        for r in rows { try w.write(r) }
        try w.commit()
        try handle.close()
        XCTAssertEqual(try String(contentsOfFile: handlePath, encoding: .utf8), CSVWriter.text(rows, lineEnding: .crlf))
        let file = "\(dir)/file.csv"
        let f = try CSVWriter(path: file)
        for r in rows { try f.write(r) }
        try f.commit()
        let t = try CSVTable(path: file)
        XCTAssertEqual([t.header] + t.rows, rows)
    }
}
