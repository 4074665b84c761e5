import XCTest
import Raster

final class TableValueTests: XCTestCase {
    func testParsingEachType() {
        XCTAssertEqual(TableValue(parsing: "", as: .integer), .null)
        XCTAssertEqual(TableValue(parsing: "-42", as: .integer), .integer(-42))
        XCTAssertNil(TableValue(parsing: "4.5", as: .integer))
        XCTAssertEqual(TableValue(parsing: "4.5e-3", as: .real), .real(0.0045))
        XCTAssertEqual(TableValue(parsing: "nan", as: .real), .null)
        XCTAssertNil(TableValue(parsing: "abc", as: .real))
        XCTAssertEqual(TableValue(parsing: "2024-02-29", as: .date), .date(year: 2024, month: 2, day: 29))
        XCTAssertNil(TableValue(parsing: "2023-02-29", as: .date))
        XCTAssertNil(TableValue(parsing: "2023-13-01", as: .date))
        XCTAssertNil(TableValue(parsing: "2023-1-01", as: .date))
        XCTAssertEqual(TableValue(parsing: "2023-06-01T10:20:30.5Z", as: .dateTime),
                       .dateTime(year: 2023, month: 6, day: 1, hour: 10, minute: 20, second: 30.5))
        XCTAssertEqual(TableValue(parsing: "2023-06-01 10:20:30", as: .dateTime),
                       .dateTime(year: 2023, month: 6, day: 1, hour: 10, minute: 20, second: 30))
        XCTAssertNil(TableValue(parsing: "2023-06-01T25:20:30", as: .dateTime))
        XCTAssertEqual(TableValue(parsing: "a,b", as: .text), .text("a,b"))
    }

    func testTableFromTextRowsNamesTheBadCell() {
        let schema = TableSchema(columns: [TableColumn("n", .integer), TableColumn("d", .date)])
        XCTAssertEqual(try Table(schema: schema, textRows: [["1", "2020-01-01"], ["", ""]]).rows.map(\.values),
                       [[.integer(1), .date(year: 2020, month: 1, day: 1)], [.null, .null]])
        XCTAssertThrowsError(try Table(schema: schema, textRows: [["1", "2020-01-01"], ["2", "yesterday"]])) {
            XCTAssertEqual("\($0)", "row 2, column 'd': 'yesterday' is not a date value")
        }
    }

    func testPasswordsAreRedacted() {
        XCTAssertEqual(PasswordRedaction.redact("PG:host=h password=abc user=u"), "PG:host=h password=*** user=u")
        XCTAssertEqual(PasswordRedaction.redact("PG:password = 'a b\\' c' dbname=x"), "PG:password = *** dbname=x")
        XCTAssertEqual(PasswordRedaction.redact("PG:PASSWORD=x"), "PG:PASSWORD=***")
        XCTAssertEqual(PasswordRedaction.redact("postgresql://me:pw@host/db"), "postgresql://me:***@host/db")
        XCTAssertEqual(PasswordRedaction.redact("/data/out.gpkg"), "/data/out.gpkg")
        XCTAssertEqual(TableError(.cannotOpen, destination: "PG:password=zz", "failed for password=zz").description,
                       "PG:password=***: failed for password=***")
    }
}
