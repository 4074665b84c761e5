import GeoSupport
import TestSupport
import XCTest
@testable import TEM1D

/// TEM1D's model reader on the shared CSV dialect table (`CSVDialectCase.all`, header `rho_1,rho_2,thk_1`):
/// it reads what every geotool CSV reader reads — quoted fields included — and reports CSV problems with the
/// same one-line error naming the line and column.
final class ModelCSVDialectTests: XCTestCase {
    private let path = "models.csv"

    /// What the reader must make of a case's records: the models, or the error for the first field that is
    /// not a number (quoted commas and newlines reach it intact).
    private func expected(_ c: CSVDialectCase) -> Result<[LayeredModel], TEM1DError> {
        let names = c.records[0].fields
        var models: [LayeredModel] = []
        for r in c.records.dropFirst() {
            if let bad = r.fields.indices.first(where: { !r.fields[$0].isEmpty && Double(r.fields[$0]) == nil }) {
                return .failure(.notANumber(row: r.line, field: names[bad], text: r.fields[bad]))
            }
            let v = r.fields.map { Double($0) }
            let rho = [v[0], v[1]].prefix { $0 != nil }.map { $0! }
            models.append(LayeredModel(unchecked: rho, thicknesses: rho.count == 2 ? [v[2]!] : []))
        }
        return .success(models)
    }

    func testModelReaderOnTheSharedTable() {
        for c in CSVDialectCase.all {
            do {
                let models = try ModelCSV.parse(bytes: c.bytes, path: path)
                XCTAssertNil(c.error, "\(c.name): no error")
                XCTAssertEqual(.success(models), expected(c), c.name)
            } catch let e as TEM1DError {
                XCTAssertNil(c.error, "\(c.name): \(e)")
                if c.error == nil { XCTAssertEqual(.failure(e), expected(c), c.name) }
            } catch {
                XCTAssertTrue(error is CSVError, "\(c.name): \(type(of: error))")
                XCTAssertNil(c.problem(withError: "\(error)", path: path))
            }
        }
    }

    func testQuotedNumbersAndPaddingAreModels() throws {
        let models = try ModelCSV.parse("\"rho_1\",\"rho_2\", thk_1\n\"10\",\t20 ,\"5\"\n")
        XCTAssertEqual(models, [try LayeredModel(resistivities: [10, 20], thicknesses: [5])])
    }
}
