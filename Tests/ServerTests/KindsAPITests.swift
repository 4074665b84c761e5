import Batch
import Foundation
import TestSupport
import XCTest

/// `GET /api/v1/kinds` (in-process server) and `geotool kinds --json` (the real binary with every kind): the
/// schema checked at submit, published as data.
final class KindsAPITests: XCTestCase {
    func testTheAPIListsEveryKindWithItsSchema() async throws {
        try await TestServer.with { server in
            let r = try await server.client().get("/api/v1/kinds")
            XCTAssertEqual(r.status, 200)
            let kinds = try XCTUnwrap(r.json["kinds"] as? [[String: Any]])
            XCTAssertEqual(kinds.compactMap { $0["kind"] as? String }, ["test"])
            let test = try XCTUnwrap(kinds.first { $0["kind"] as? String == "test" })
            let params = try XCTUnwrap(test["parameters"] as? [[String: Any]])
            let sleep = try XCTUnwrap(params.first { $0["name"] as? String == "sleep" })
            XCTAssertEqual(sleep["type"] as? String, "number")
            XCTAssertEqual(sleep["maximum"] as? Double, 3600)
            XCTAssertEqual(params.last?["name"] as? String, "seed", "the engine's seed is listed for every kind")
        }
    }

    func testTheCLIPrintsTheSameDocumentForTheRealKinds() throws {
        let r = try TestSupport.geotool(["kinds", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let kinds = try XCTUnwrap(doc["kinds"] as? [[String: Any]])
        XCTAssertEqual(Set(kinds.compactMap { $0["kind"] as? String }),
                       ["ecostress-regrid", "erosion-derive", "erosion-scenario", "evolve", "extract", "plot", "raster-scale", "raster-stats", "reproject",
                        "resample", "synthetic", "table", "tem1d-chunk"])
        let plot = try XCTUnwrap(kinds.first { $0["kind"] as? String == "plot" }?["parameters"] as? [[String: Any]])
        let output = try XCTUnwrap(plot.first { $0["name"] as? String == "output" })
        XCTAssertEqual(output["type"] as? String, "output_file_name")
        XCTAssertEqual(output["suffix"] as? String, ".png")
        let tem = try XCTUnwrap(kinds.first { $0["kind"] as? String == "tem1d-chunk" }?["parameters"] as? [[String: Any]])
        XCTAssertEqual(tem.first { $0["name"] as? String == "rho_" }?["numbered"] as? Bool, true)
        let text = try TestSupport.geotool(["kinds"])
        XCTAssertTrue(text.stdout.contains("rho_N") && text.stdout.contains("output_file_name *.png"), text.stdout)
    }
}
