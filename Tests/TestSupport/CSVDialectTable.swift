/// The one table of CSV inputs every CSV reader of geotool is tested against (GeoSupport's `CSVReader` and
/// `CSVTable`, TEM1D's model reader, …): quoted fields with commas, quotes and newlines, CRLF, a byte-order
/// mark, empty fields, a missing final line break, and bytes that are not UTF-8.
///
/// Every input has the header `rho_1,rho_2,thk_1`, so readers of a specific format (TEM1D models) can run the
/// same table: a record whose fields are not numbers must reach them intact (their error quotes the field).
public struct CSVDialectCase: Sendable {
    /// What the case exercises.
    public let name: String
    /// The file's bytes.
    public let bytes: [UInt8]
    /// The records expected, header included, each with the 1-based line it starts on; empty for an error case.
    public let records: [(line: Int, fields: [String])]
    /// For an error case: the line and the column (1-based field number, nil when none applies) the one-line
    /// error must name.
    public let error: (line: Int, column: Int?)?

    /// The table.
    public static let all: [CSVDialectCase] = [
        ok("LF", "rho_1,rho_2,thk_1\n10,20,5\n1,2,3\n", [(1, header), (2, ["10", "20", "5"]), (3, ["1", "2", "3"])]),
        ok("CRLF", "rho_1,rho_2,thk_1\r\n10,20,5\r\n1,2,3\r\n", [(1, header), (2, ["10", "20", "5"]), (3, ["1", "2", "3"])]),
        ok("CR", "rho_1,rho_2,thk_1\r10,20,5\r", [(1, header), (2, ["10", "20", "5"])]),
        ok("byte-order mark", "\u{FEFF}rho_1,rho_2,thk_1\n10,20,5\n", [(1, header), (2, ["10", "20", "5"])]),
        ok("no final line break", "rho_1,rho_2,thk_1\n10,20,5", [(1, header), (2, ["10", "20", "5"])]),
        ok("quoted fields", "\"rho_1\",rho_2,\"thk_1\"\r\n\"10\",\"20\",\"5\"\r\n", [(1, header), (2, ["10", "20", "5"])]),
        ok("quoted comma", "rho_1,rho_2,thk_1\n10,\"2,5\",5\n", [(1, header), (2, ["10", "2,5", "5"])]),
        ok("quoted quote and newline", "rho_1,rho_2,thk_1\n10,\"a\"\"b\r\nc\",5\n7,8,9\n",
           [(1, header), (2, ["10", "a\"b\r\nc", "5"]), (4, ["7", "8", "9"])]),
        ok("empty fields", "rho_1,rho_2,thk_1\n7,,\n", [(1, header), (2, ["7", "", ""])]),
        ok("UTF-8 text", "rho_1,rho_2,thk_1\n10,\"Zürich, 日本\",5\n", [(1, header), (2, ["10", "Zürich, 日本", "5"])]),
        failing("not UTF-8", Array("rho_1,rho_2,thk_1\n10,20,5\n1,2".utf8) + [0xFF] + Array(",3\n".utf8), line: 3, column: 2),
        failing("not UTF-8 inside a quoted multi-line field",
                Array("rho_1,rho_2,thk_1\n1,\"x\ny".utf8) + [0xC3] + Array("\",3\n".utf8), line: 3, column: 2),
        failing("not UTF-8 in the header", Array("rho_1,rho_".utf8) + [0xE9, 0x32] + Array(",thk_1\n".utf8), line: 1, column: 2),
        failing("unterminated quote", Array("rho_1,rho_2,thk_1\n1,\"2,3\n".utf8), line: 2, column: nil),
    ]

    /// For an error case: nil when `description` (an error's text) is one line that starts with `path` and names
    /// the expected line and column (`path: line N, column C: …`, or `path: line N: …`); otherwise what is wrong.
    public func problem(withError description: String, path: String) -> String? {
        guard let error else { return "\(name): expected records, got the error \(description)" }
        let location = "line \(error.line)" + (error.column.map { ", column \($0)" } ?? "")
        guard !description.contains("\n"), description.hasPrefix("\(path): \(location): ") else {
            return "\(name): expected one line starting '\(path): \(location): ', got '\(description)'"
        }
        return nil
    }

    private static let header = ["rho_1", "rho_2", "thk_1"]

    private static func ok(_ name: String, _ text: String, _ records: [(Int, [String])]) -> CSVDialectCase {
        CSVDialectCase(name: name, bytes: Array(text.utf8), records: records.map { (line: $0.0, fields: $0.1) }, error: nil)
    }

    private static func failing(_ name: String, _ bytes: [UInt8], line: Int, column: Int?) -> CSVDialectCase {
        CSVDialectCase(name: name, bytes: bytes, records: [], error: (line, column))
    }
}
